"""The one door domain services announce events through.

    from notifications import events
    events.emit("order_shipped", part=part)

`emit` turns the event into one in-site Notification per recipient, in the
caller's transaction (rolled back with it), and has each one's e-mail sent by
the task worker once that transaction commits, unless the recipient switched
that kind off. It never fails the action that announced the event: anything
that goes wrong here is logged and the action goes on.

A kind declared in notifications.kinds has its templates and preferences ready
before the feature that announces it adds its builder here.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.urls import reverse

from notifications.models import EmailPreference, Notification

logger = logging.getLogger(__name__)


@dataclass
class Draft:
    """One recipient's notification, before it is saved."""

    user: object
    key: str
    title: str
    url: str
    body: str = ""
    refs: dict = field(default_factory=dict)


def _order_url(order) -> str:
    return reverse("shop:order_detail", args=[order.number])


def _page_url(page, anchor: str = "") -> str:
    # A path: with several sites Wagtail gives a full URL, and links are made
    # from the site's own address (the e-mail's base URL, the visitor's host).
    url = urlsplit(page.get_url() or "/").path or "/"
    return f"{url}{anchor}"


def _order_paid(*, order) -> list[Draft]:
    return [
        Draft(
            user=order.buyer,
            key=f"order:{order.pk}",
            title=f"Order {order.number} confirmed",
            body="We have your payment; the stores are getting your items ready.",
            url=_order_url(order),
            refs={"order": order.pk},
        )
    ]


def _order_received(*, order) -> list[Draft]:
    drafts = []
    for part in order.parts.select_related("store__vendor"):
        vendor = part.store.vendor if part.store else None
        if vendor is None:
            continue
        drafts.append(
            Draft(
                user=vendor,
                key=f"part:{part.pk}",
                title=f"New order {order.number} for {part.store_name}",
                body="It is paid: time to get it ready.",
                url=reverse("shop_admin:order_part", args=[part.pk]),
                refs={"order": order.pk, "part": part.pk},
            )
        )
    return drafts


def _order_withdrawn(*, order=None, part=None, actor=None) -> list[Draft]:
    """The vendors whose paid part will not go out after all: every part of a
    paid order the buyer (or an admin) cancelled, less the parts cancelled
    alone before (their vendor was told then); or the one part cancelled
    alone, unless its own vendor did it."""
    from shop.models import OrderEvent

    if part is not None:
        parts, order = [part], part.order
    elif order.status != "refunded":
        return []  # Never paid: no vendor was asked to send anything.
    else:
        alone = set(
            OrderEvent.objects.filter(
                order=order, part__isnull=False, to_status__in=["cancelled", "refunded"]
            ).values_list("part_id", flat=True)
        )
        parts = [
            p for p in order.parts.select_related("store__vendor") if p.pk not in alone
        ]
    drafts = []
    for item in parts:
        vendor = item.store.vendor if item.store else None
        if vendor is None or (actor is not None and actor.pk == vendor.pk):
            continue
        drafts.append(
            Draft(
                user=vendor,
                key=f"part:{item.pk}",
                title=f"Order {order.number} for {item.store_name} is cancelled",
                body="Do not send it: the buyer's payment for it is refunded.",
                url=reverse("shop_admin:order_part", args=[item.pk]),
                refs={"order": order.pk, "part": item.pk},
            )
        )
    return drafts


def _order_cancelled(*, order) -> list[Draft]:
    return [
        Draft(
            user=order.buyer,
            key=f"order:{order.pk}",
            title=f"Order {order.number} cancelled",
            body="Nothing was charged.",
            url=_order_url(order),
            refs={"order": order.pk},
        )
    ]


def _order_refunded(*, order) -> list[Draft]:
    return [
        Draft(
            user=order.buyer,
            key=f"order:{order.pk}",
            title=f"Order {order.number} cancelled and refunded",
            body="What you paid is being refunded to you.",
            url=_order_url(order),
            refs={"order": order.pk},
        )
    ]


def _order_part_cancelled(*, part) -> list[Draft]:
    order = part.order
    refunded = part.status == "refunded"
    return [
        Draft(
            user=order.buyer,
            key=f"part:{part.pk}",
            title=f"Order {order.number}: your items from {part.store_name} "
            "are cancelled",
            body=(
                "What you paid for them is being refunded to you."
                if refunded
                else "Nothing was charged for them."
            )
            + " The rest of your order goes on as before.",
            url=_order_url(order),
            refs={"order": order.pk, "part": part.pk},
        )
    ]


def _part_moved(verb: str, body: str) -> Callable[..., list[Draft]]:
    def build(*, part) -> list[Draft]:
        order = part.order
        return [
            Draft(
                user=order.buyer,
                key=f"part:{part.pk}",
                title=f"Order {order.number}: {part.store_name} has {verb} your items",
                body=body,
                url=_order_url(order),
                refs={"order": order.pk, "part": part.pk},
            )
        ]

    return build


def _part_shipped(*, part) -> list[Draft]:
    """As any move, with the carrier and tracking number when the vendor gave them."""
    drafts = _part_moved("shipped", "They are on their way to you.")(part=part)
    tracking = part.tracking
    if tracking and tracking["number"]:
        drafts[
            0
        ].body = (
            f"They are on their way to you: {tracking['carrier']} {tracking['number']}."
        )
    return drafts


def _payout_paid(*, payout) -> list[Draft]:
    return [
        Draft(
            user=payout.vendor,
            key=f"payout:{payout.pk}",
            title=f"Payout of {payout.amount} {payout.currency} sent",
            body=f"Reference: {payout.reference}. It is on your statement.",
            url=reverse("ledger_admin:earnings"),
            refs={"payout": payout.pk},
        )
    ]


def _vendor_status_changed(*, change) -> list[Draft]:
    titles = {
        "approved": "Your vendor account is approved: you can publish",
        "pending": "Your vendor account is awaiting approval",
        "rejected": "Your vendor application was not approved",
        "suspended": "Your vendor account is suspended",
    }
    if change.to_status == "approved" and change.from_status == "suspended":
        title = "Your vendor account is reinstated"
    else:
        title = titles.get(change.to_status, "Your vendor account changed")
    return [
        Draft(
            user=change.vendor,
            key=f"vendor_status:{change.pk}",
            title=title,
            body=change.reason[:500],
            url=reverse("vendor_accounts_admin:application"),
            refs={"vendor_status_change": change.pk},
        )
    ]


def _review_received(*, review) -> list[Draft]:
    product = review.product
    vendor = product.store.vendor if product.store else None
    if vendor is None or vendor.pk == review.user_id:
        return []
    return [
        Draft(
            user=vendor,
            key=f"review:{review.pk}",
            title=f"New {review.rating}-star review of {product.title}",
            body=review.comment[:200],
            url=_page_url(product, f"#review-{review.pk}"),
            refs={"review": review.pk},
        )
    ]


def _review_replied(*, reply) -> list[Draft]:
    review = reply.review
    product = review.product
    return [
        Draft(
            user=review.user,
            key=f"review:{review.pk}",
            title=f"{product.store.title} answered your review of {product.title}",
            body=reply.text[:200],
            url=_page_url(product, f"#review-{review.pk}"),
            refs={"review": review.pk},
        )
    ]


def _alert_drafts(*, alerts, title, body) -> list[Draft]:
    urls = {}
    drafts = []
    for alert in alerts:
        product = alert.product
        if product.pk not in urls:
            urls[product.pk] = _page_url(product)
        drafts.append(
            Draft(
                user=alert.user,
                key=f"alert:{alert.pk}",
                title=title(product),
                body=body(alert),
                url=urls[product.pk],
                refs={"product": product.pk, "alert": alert.pk},
            )
        )
    return drafts


def _alert_back_in_stock(*, alerts) -> list[Draft]:
    return _alert_drafts(
        alerts=alerts,
        title=lambda product: f"{product.title} is back in stock",
        body=lambda alert: "You asked to be told: it can be ordered again.",
    )


def _alert_price_drop(*, alerts) -> list[Draft]:
    from vendors.templatetags.money_tags import money

    return _alert_drafts(
        alerts=alerts,
        title=lambda product: f"{product.title} is now {money(product.price)}",
        body=lambda alert: (
            f"Down from {money(alert.reference_price)} when you asked to be told"
            + (
                f" (your target: {money(alert.target_price)})."
                if alert.target_price
                else "."
            )
        ),
    )


BUILDERS: dict[str, Callable[..., list[Draft]]] = {
    "order_paid": _order_paid,
    "order_received": _order_received,
    "order_cancelled": _order_cancelled,
    "order_refunded": _order_refunded,
    "order_part_cancelled": _order_part_cancelled,
    "order_withdrawn": _order_withdrawn,
    "payout_paid": _payout_paid,
    "vendor_status_changed": _vendor_status_changed,
    "order_shipped": _part_shipped,
    "order_delivered": _part_moved("delivered", "Enjoy them, and tell others!"),
    "review_received": _review_received,
    "review_replied": _review_replied,
    "alert_back_in_stock": _alert_back_in_stock,
    "alert_price_drop": _alert_price_drop,
}
# Kinds announced to many users at once (a thousand alerts on one product):
# their notifications are written in bulk, a few queries whatever their number.
BULK_KINDS = {"alert_back_in_stock", "alert_price_drop"}


def emit(kind: str, **objects) -> list[Notification]:
    """Announce an event (see the module's docstring); returns the notifications
    made (none when something went wrong, which is logged)."""
    if kind not in BUILDERS:
        # A programming error: fail loudly in tests, never in the action.
        logger.error("Unknown notification kind %r.", kind)
        return []
    try:
        with transaction.atomic():
            notify = _notify_bulk if kind in BULK_KINDS else _notify
            return notify(kind, BUILDERS[kind](**objects))
    except Exception:
        logger.exception("Notification %r could not be made.", kind)
        return []


def _notify(kind: str, drafts: list[Draft]) -> list[Notification]:
    if not drafts:
        return []
    off = set(
        EmailPreference.objects.filter(
            user__in=[draft.user.pk for draft in drafts], kind=kind, email=False
        ).values_list("user_id", flat=True)
    )
    made = []
    for draft in drafts:
        if draft.user.pk in off:
            email_status = Notification.EmailStatus.OFF
        elif not draft.user.email:
            email_status = Notification.EmailStatus.NO_ADDRESS
        else:
            email_status = Notification.EmailStatus.PENDING
        notification = Notification(
            user=draft.user,
            kind=kind,
            key=draft.key[:100],
            title=draft.title[:255],
            body=draft.body,
            url=draft.url[:500],
            refs=draft.refs,
            email_status=email_status,
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            # Announced before: the user has it already.
            continue
        made.append(notification)
    pending = [n.pk for n in made if n.email_status == Notification.EmailStatus.PENDING]
    if pending:
        from notifications.services import notification_emails_enqueue_on_commit

        notification_emails_enqueue_on_commit(notification_ids=pending)
    return made


def _email_status(draft: Draft, off: set[int]) -> str:
    if draft.user.pk in off:
        return Notification.EmailStatus.OFF
    if not draft.user.email:
        return Notification.EmailStatus.NO_ADDRESS
    return Notification.EmailStatus.PENDING


def _notify_bulk(kind: str, drafts: list[Draft]) -> list[Notification]:
    """`_notify` for many recipients: the ones who have it already are read in
    one query, the rest inserted by one bulk INSERT (per batch)."""
    if not drafts:
        return []
    user_ids = {draft.user.pk for draft in drafts}
    off = set(
        EmailPreference.objects.filter(
            user__in=user_ids, kind=kind, email=False
        ).values_list("user_id", flat=True)
    )
    keys = {draft.key[:100] for draft in drafts}
    existing = set(
        Notification.objects.filter(
            kind=kind, user__in=user_ids, key__in=keys
        ).values_list("user_id", "key")
    )
    new = {}
    for draft in drafts:
        subject = (draft.user.pk, draft.key[:100])
        if subject in existing or subject in new:
            continue
        new[subject] = Notification(
            user=draft.user,
            kind=kind,
            key=draft.key[:100],
            title=draft.title[:255],
            body=draft.body,
            url=draft.url[:500],
            refs=draft.refs,
            email_status=_email_status(draft, off),
        )
    made = Notification.objects.bulk_create(list(new.values()), batch_size=500)
    if any(notification.pk is None for notification in made):
        # A database that cannot return the new rows' ids from a bulk insert.
        made = list(
            Notification.objects.filter(
                kind=kind,
                user__in={user_id for user_id, _ in new},
                key__in={key for _, key in new},
            )
        )
    pending = [n.pk for n in made if n.email_status == Notification.EmailStatus.PENDING]
    if pending:
        from notifications.services import notification_emails_enqueue_on_commit

        notification_emails_enqueue_on_commit(notification_ids=pending)
    return made
