"""One notification's e-mail: the base template (HTML and text) around the
kind's own body, the marketplace's name and colours, a link to the preferences
page and, for kinds that are not transactional, a one-click unsubscribe."""

from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from config.validators import email_subject
from notifications.kinds import KINDS
from notifications.models import Notification

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
BRAND_COLOUR = "#0d6efd"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a token this site signed; None for anything else."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or kind not in KINDS:
        return None
    return user_id, kind


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _objects(notification: Notification) -> dict:
    """What the kind's template shows, loaded from the notification's refs."""
    from reviews.models import Review
    from shop.models import Order, OrderPart

    refs = notification.refs or {}
    context = {}
    if "order" in refs:
        context["order"] = (
            Order.objects.select_related("buyer", "shipping_address")
            .prefetch_related("lines", "parts")
            .filter(pk=refs["order"])
            .first()
        )
    if notification.kind == "order_paid" and context["order"] is not None:
        # The bought files' download links, fresh for this e-mail.
        from shop.services.downloads import order_downloads

        links = order_downloads(order=context["order"], base_url=_base_url())
        context["downloads"] = [
            (line, links[line.pk])
            for line in context["order"].lines.all()
            if links.get(line.pk)
        ]
    if notification.kind == "order_refunded" and context["order"] is not None:
        context["refund_amount"] = _refund_amount(context["order"])
    if "part" in refs:
        context["part"] = (
            OrderPart.objects.select_related("store__vendor")
            .prefetch_related("lines")
            .filter(pk=refs["part"])
            .first()
        )
    if "review" in refs:
        context["review"] = (
            Review.objects.select_related("user", "product", "reply")
            .filter(pk=refs["review"])
            .first()
        )
    return context


def _refund_amount(order) -> Decimal:
    """What the whole-order refund gave back: the total, less the parts that
    were refunded alone before (each has a refunded event of its own)."""
    earlier = {
        event.part_id: event.part.subtotal + event.part.shipping
        for event in order.events.filter(
            part__isnull=False, to_status="refunded"
        ).select_related("part")
    }
    return order.total - sum(earlier.values(), start=Decimal("0"))


def notification_email_build(notification: Notification) -> EmailMultiAlternatives:
    kind = KINDS[notification.kind]
    user = notification.user
    base_url = _base_url()
    unsubscribe_url = ""
    if not kind.transactional:
        token = unsubscribe_token(user_id=user.pk, kind=kind.key)
        unsubscribe_url = base_url + reverse("notifications:unsubscribe", args=[token])
    context = {
        "notification": notification,
        "user": user,
        "kind": kind,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "brand_colour": BRAND_COLOUR,
        "base_url": base_url,
        "link": base_url + notification.url,
        "preferences_url": base_url + reverse("notifications:preferences"),
        "unsubscribe_url": unsubscribe_url,
        "currency": settings.CURRENCY,
        **_objects(notification),
    }
    subject = email_subject(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.title}"
    )
    text = render_to_string(f"notifications/email/{kind.key}.txt", context)
    html = render_to_string(f"notifications/email/{kind.key}.html", context)
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(subject, text, to=[user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
