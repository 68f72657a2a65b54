"""The vendor's orders in the Wagtail admin: each vendor sees and moves only the
parts of orders for its own stores (admins see every part)."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from shop.exceptions import PaymentError
from shop.forms import PartCancelForm, PartStatusForm
from shop.models import OrderStatus
from shop.selectors import order_part_for_vendor, order_parts_for_vendor
from shop.services.downloads import (
    download_counts,
    product_download_counts,
    product_file_add,
    product_file_delete,
)
from shop.services.orders import (
    PART_TRANSITIONS,
    order_part_advance,
    order_part_cancel_by_vendor,
)
from shop.services.shipping_rules import shipping_rule_of, shipping_rule_set
from shop.shipping import country_choices
from vendors.selectors import page_of, products_managed_by, stores_managed_by

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


# --- A store's shipping rules ---------------------------------------------------
class ShippingRuleForm(forms.Form):
    flat_rate = forms.DecimalField(
        label="Flat rate per order",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="Charged once for your items in an order; 0 ships free.",
    )
    per_additional_item = forms.DecimalField(
        label="Per additional item",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="Added for each item after the first.",
    )
    free_over = forms.DecimalField(
        label="Free shipping from",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text="Orders of your items worth at least this ship free; empty: never.",
    )
    countries = forms.MultipleChoiceField(
        label="Countries you ship to",
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="None selected: you ship everywhere. Digital items ship anywhere.",
    )


def store_shipping(request, store_id: int):
    """The store's owner sets its shipping rules (kept outside the page, so an
    older revision never brings back old prices)."""
    store = get_object_or_404(stores_managed_by(request.user), pk=store_id)
    rule = shipping_rule_of(store=store)
    form = ShippingRuleForm(
        request.POST or None,
        initial={
            "flat_rate": rule.flat_rate,
            "per_additional_item": rule.per_additional_item,
            "free_over": rule.free_over,
            "countries": rule.country_codes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            shipping_rule_set(store=store, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Shipping of “{store.title}” saved.")
            return redirect("wagtailadmin_pages:edit", store.pk)
    return TemplateResponse(
        request,
        "shop/admin/store_shipping.html",
        {
            "form": form,
            "store": store,
            "action_url": reverse("shop_admin:store_shipping", args=[store.pk]),
            "page_title": f"Shipping of {store.title}",
            "header_icon": "site",
            "submit_button_label": "Save shipping",
            "submit_button_active_label": "Saving…",
        },
    )


# --- A digital product's files --------------------------------------------------
class ProductFileForm(forms.Form):
    name = forms.CharField(
        max_length=255, help_text="What the buyer sees, e.g. “The e-book (PDF)”."
    )
    file = forms.FileField(help_text="Kept private: only buyers get a link.")


def product_files(request, product_id: int):
    """A vendor attaches the files a digital product delivers, and sees how
    often buyers downloaded each."""
    product = get_object_or_404(products_managed_by(request.user), pk=product_id)
    form = ProductFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product_file_add(product=product, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{form.cleaned_data['name']}” attached.")
            return redirect("shop_admin:product_files", product.pk)
    files = list(product.files.all())
    counts = product_download_counts(product_ids=[product.pk])
    for product_file in files:
        product_file.download_count = counts.get(product_file.pk, 0)
    return TemplateResponse(
        request,
        "shop/admin/product_files.html",
        {
            "form": form,
            "product": product,
            "files": files,
            "action_url": reverse("shop_admin:product_files", args=[product.pk]),
            "page_title": f"Download files of {product.title}",
            "header_icon": "doc-full",
            "submit_button_label": "Attach file",
            "submit_button_active_label": "Uploading…",
        },
    )


@require_http_methods(["POST"])
def product_file_delete_view(request, product_id: int, file_id: int):
    product = get_object_or_404(products_managed_by(request.user), pk=product_id)
    product_file = get_object_or_404(product.files, pk=file_id)
    product_file_delete(product_file=product_file, actor=request.user)
    messages.success(request, f"“{product_file.name}” removed.")
    return redirect("shop_admin:product_files", product.pk)
