"""E-mails at the moments that matter, sent in the background once committed."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from config.validators import email_subject
from shop.models import Order, OrderPart

SUBJECTS = {
    "order_paid": "Order {number} confirmed",
    "order_cancelled": "Order {number} cancelled",
    "part_shipped": "Order {number}: {store} has shipped your items",
    "vendor_order_paid": "New order {number} for {store}",
}


def order_email_enqueue(*, kind: str, order_id: int, part_id: int | None = None):
    """Send the e-mail once the transaction commits, so a rolled-back change
    never tells anybody anything."""
    from shop.tasks import order_email_task

    if kind not in SUBJECTS:
        raise ValueError(f"Unknown order e-mail {kind!r}")
    transaction.on_commit(
        lambda: order_email_task.enqueue(kind=kind, order_id=order_id, part_id=part_id)
    )


def _send(*, kind: str, to: str, context: dict) -> None:
    subject = email_subject(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + SUBJECTS[kind].format(
            number=context["order"].number,
            store=context["part"].store_name if context.get("part") else "",
        )
    )
    text = render_to_string(f"shop/emails/{kind}.txt", context)
    html = render_to_string(f"shop/emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def order_email_send(*, kind: str, order_id: int, part_id: int | None = None) -> int:
    """Render and send one order e-mail; returns how many messages went out."""
    order = (
        Order.objects.select_related("buyer", "payment", "shipping_address")
        .prefetch_related("parts__store__vendor", "lines")
        .get(pk=order_id)
    )
    context = {
        "order": order,
        "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "currency": settings.CURRENCY,
    }
    if kind == "part_shipped":
        context["part"] = OrderPart.objects.get(pk=part_id, order=order)
    _send(kind=kind, to=order.buyer.email, context=context)
    sent = 1
    if kind == "order_paid":
        for part in order.parts.all():
            vendor = part.store.vendor if part.store else None
            if vendor and vendor.email:
                vendor_context = {**context, "part": part}
                _send(kind="vendor_order_paid", to=vendor.email, context=vendor_context)
                sent += 1
    return sent
