import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from shop.forms import CancelForm
from shop.models import Order, OrderStatus, Payment
from shop.selectors import order_of, orders_of
from shop.services.downloads import order_downloads
from shop.services.orders import (
    is_order_cancellable,
    is_part_cancellable,
    order_cancel,
    order_part_cancel,
    order_part_receive,
)
from shop.services.payments import (
    payment_abandon,
    payment_capture,
    payment_for_provider_order,
    payment_start,
)
from shop.timeline import timeline_entries
from shop.views.checkout import payment_next_step
from shop.views.messages import SERVICE_ERRORS, error_message
from vendors.selectors import page_of

ORDERS_PER_PAGE = 10
logger = logging.getLogger(__name__)


def _order_or_404(request, number: str) -> Order:
    order = order_of(user=request.user, number=number)
    if order is None:
        raise Http404("No such order.")
    return order


@require_safe
@login_required
def order_list(request):
    orders = page_of(
        orders_of(user=request.user),
        number=request.GET.get("page"),
        per_page=ORDERS_PER_PAGE,
    )
    return render(request, "shop/order_list.html", {"orders": orders})


def _with_downloads(order: Order) -> Order:
    """Each line of the order gets its download links (`download_links`)."""
    links = order_downloads(order=order)
    paid = order.status != OrderStatus.PENDING_PAYMENT
    for line in order.lines.all():
        line.download_links = links.get(line.pk, [])
        line.download_pending = not paid
    return order


@require_safe
@login_required
def order_detail(request, number: str):
    order = _with_downloads(_order_or_404(request, number))
    parts = list(order.parts.all())
    return render(
        request,
        "shop/order_detail.html",
        {
            "order": order,
            "events": timeline_entries(order.events.all()),
            "many_parts": len(parts) > 1,
            "can_cancel": is_order_cancellable(order),
            "cancellable_parts": {
                part.pk for part in parts if is_part_cancellable(part, parts)
            },
            "can_pay": order.status == "pending_payment",
            "receivable_parts": {
                part.pk for part in parts if part.status == OrderStatus.SHIPPED
            },
        },
    )


@require_POST
@login_required
def order_part_received(request, number: str, part_id: int):
    """The buyer says "I got it": a shipped part becomes delivered."""
    order = _order_or_404(request, number)
    part = next((part for part in order.parts.all() if part.pk == part_id), None)
    if part is None:
        raise Http404("No such order.")
    try:
        order_part_receive(part=part, actor=request.user)
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request, f"Thank you: the items from {part.store_name} are delivered."
        )
    return redirect("shop:order_detail", order.number)


@require_safe
@login_required
def order_confirmation(request, number: str):
    order = _with_downloads(_order_or_404(request, number))
    return render(request, "shop/order_confirmation.html", {"order": order})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def order_cancel_view(request, number: str, part_id: int | None = None):
    """Cancel the order, or one store's part of it, once the buyer has seen
    what it means and said why (a GET asks; only the POST cancels)."""
    order = _order_or_404(request, number)
    part = None
    if part_id is not None:
        part = next((p for p in order.parts.all() if p.pk == part_id), None)
        if part is None:
            raise Http404("No such part of this order.")
        allowed = is_part_cancellable(part, list(order.parts.all()))
    else:
        allowed = is_order_cancellable(order)
    if not allowed:
        messages.error(request, _not_cancellable_message(order, part))
        return redirect("shop:order_detail", order.number)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if part is not None:
                part = order_part_cancel(
                    part=part, actor=request.user, note=form.note()
                )
            else:
                order = order_cancel(order=order, actor=request.user, note=form.note())
        except SERVICE_ERRORS as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _cancelled_message(order, part))
        return redirect("shop:order_detail", order.number)
    return render(
        request,
        "shop/order_cancel.html",
        {"order": order, "part": part, "form": form},
        status=400 if form.is_bound else 200,
    )


def _not_cancellable_message(order: Order, part) -> str:
    if part is not None:
        return (
            f"The items from {part.store_name} can no longer be cancelled on their "
            "own: they have shipped, are already cancelled, or are all that is left "
            "of the order."
        )
    shipped = any(p.status in ("shipped", "delivered") for p in order.parts.all())
    reason = (
        "a store has shipped its items"
        if shipped
        else f"it is {order.get_status_display().lower()}"
    )
    return f"Order {order.number} can no longer be cancelled: {reason}."


def _cancelled_message(order: Order, part) -> str:
    if part is not None:
        return f"The items from {part.store_name} are cancelled" + (
            " and their price refunded." if part.status == "refunded" else "."
        )
    return f"Order {order.number} is cancelled" + (
        " and your payment refunded." if order.status == "refunded" else "."
    )


@require_POST
@login_required
def order_pay(request, number: str):
    """Pay again for an order whose payment failed or was never finished."""
    order = _order_or_404(request, number)
    if order.status != "pending_payment":
        messages.info(request, f"Order {order.number} is not awaiting payment.")
        return redirect("shop:order_detail", order.number)
    try:
        payment_start(
            payment=order.payment,
            return_url=request.build_absolute_uri(reverse("shop:paypal_return")),
            cancel_url=request.build_absolute_uri(reverse("shop:paypal_cancel")),
        )
    except SERVICE_ERRORS as error:
        # The order page shows what went wrong.
        logger.info("Paying again for %s failed: %s", order.number, error)
    order.refresh_from_db()
    order.payment.refresh_from_db()
    return payment_next_step(request, order)


def _paypal_payment(request) -> Payment:
    token = request.POST.get("token") if request.method == "POST" else None
    payment = payment_for_provider_order(
        buyer=request.user,
        method=Payment.Method.PAYPAL,
        provider_order_id=(token or request.GET.get("token", ""))[:64],
    )
    if payment is None:
        raise Http404("No such payment.")
    return payment


@require_safe
@login_required
def paypal_return(request):
    """PayPal sends the buyer back here after approving; capture the money."""
    payment = _paypal_payment(request)
    try:
        payment_capture(payment=payment)
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
        return redirect("shop:order_detail", payment.order.number)
    return redirect("shop:order_confirmation", payment.order.number)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def paypal_cancel(request):
    """PayPal sends the buyer here on turning back. A GET (a link, a prefetch, a
    third-party page) changes nothing: the buyer confirms with a POST."""
    payment = _paypal_payment(request)
    if request.method != "POST":
        return render(
            request,
            "shop/paypal_cancel.html",
            {"order": payment.order, "token": payment.provider_order_id},
        )
    order = payment_abandon(payment=payment, actor=request.user)
    if order.status == "cancelled":
        messages.info(
            request,
            f"You cancelled the payment, so order {order.number} is cancelled "
            "and nothing was charged.",
        )
    return redirect("shop:order_detail", order.number)
