"""The vendor's orders in the Wagtail admin: each vendor sees and moves only the
parts of orders for its own stores (admins see every part)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from shop.exceptions import PaymentError
from shop.forms import PartCancelForm, PartStatusForm
from shop.models import OrderStatus
from shop.selectors import order_part_for_vendor, order_parts_for_vendor
from shop.services.downloads import download_counts
from shop.services.orders import (
    PART_TRANSITIONS,
    order_part_advance,
    order_part_cancel_by_vendor,
)
from vendors.selectors import page_of

PARTS_PER_PAGE = 25
STATUS_FILTERS = [
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
    OrderStatus.CANCELLED,
    OrderStatus.REFUNDED,
]


def order_part_list(request):
    parts = order_parts_for_vendor(user=request.user)
    status = request.GET.get("status", "")
    if status in STATUS_FILTERS:
        parts = parts.filter(status=status)
    return TemplateResponse(
        request,
        "shop/admin/order_part_list.html",
        {
            "parts": page_of(
                parts, number=request.GET.get("p"), per_page=PARTS_PER_PAGE
            ),
            "status": status,
            "statuses": [(value, OrderStatus(value).label) for value in STATUS_FILTERS],
            "page_title": "Orders",
            "header_icon": "list-ul",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def order_part_detail(request, part_id: int):
    part = order_part_for_vendor(user=request.user, part_id=part_id)
    if part is None:
        raise Http404("No such order.")
    if request.method == "POST":
        form = PartStatusForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("Choose a status.")
            order_part_advance(
                part=part,
                to_status=form.cleaned_data["status"],
                actor=request.user,
                carrier=form.carrier_name(),
                tracking_number=form.cleaned_data["tracking_number"],
                # The site asks for tracking when shipping; the API does not.
                tracking_required=True,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Order {part.order.number} is now "
                f"{OrderStatus(form.cleaned_data['status']).label.lower()}.",
            )
        return redirect("shop_admin:order_part", part.pk)
    next_status = PART_TRANSITIONS.get(part.status)
    return TemplateResponse(
        request,
        "shop/admin/order_part_detail.html",
        {
            "part": part,
            "order": part.order,
            "next_status": next_status,
            "next_label": OrderStatus(next_status).label if next_status else "",
            "ship_form": PartStatusForm(initial={"status": next_status}),
            "can_cancel": part.status in (OrderStatus.PAID, OrderStatus.PROCESSING),
            "cancel_form": PartCancelForm(),
            "download_counts": download_counts(part=part),
            "events": [
                event
                for event in part.order.events.select_related("actor", "part")
                if event.part_id in (None, part.pk)
            ],
            "page_title": f"Order {part.order.number}",
            "header_icon": "list-ul",
        },
    )


@require_http_methods(["POST"])
def order_part_cancel(request, part_id: int):
    """The vendor cancels their unshipped part with a reason; it is refunded."""
    part = order_part_for_vendor(user=request.user, part_id=part_id)
    if part is None:
        raise Http404("No such order.")
    form = PartCancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Tell the buyer why you cancel.")
        part = order_part_cancel_by_vendor(
            part=part, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PaymentError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            f"Your part of order {part.order.number} is "
            f"{part.get_status_display().lower()}; the buyer has been told why.",
        )
    return redirect("shop_admin:order_part", part.pk)
