from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from shop.services.stock import stock_set
from vendors.selectors import products_managed_by
from vendors.services import store_create


class StoreOpenForm(forms.Form):
    title = forms.CharField(label="Store name", max_length=255)
    description = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the store sells, in a sentence or two.",
    )


def store_open(request):
    """A vendor opens a store: a draft store page they then edit and publish."""
    if not request.user.is_vendor:
        raise PermissionDenied
    form = StoreOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            store = store_create(actor=request.user, publish=False, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your store “{store.title}” is ready. Add your logo and details, "
                "then publish it.",
            )
            return redirect("wagtailadmin_pages:edit", store.pk)
    return TemplateResponse(
        request,
        "vendors/admin/store_open.html",
        {
            "form": form,
            "action_url": reverse("vendors_admin:store_open"),
            "page_title": "Open a store",
            "header_icon": "site",
            "submit_button_label": "Create store",
            "submit_button_active_label": "Creating…",
        },
    )


class StockForm(forms.Form):
    quantity = forms.IntegerField(
        label="Units in stock",
        min_value=0,
        max_value=1_000_000,
        help_text="The number of units you have on hand now.",
    )


def product_stock(request, page_id):
    """Stock is counted outside the page (see shop.Stock): change it here."""
    product = get_object_or_404(products_managed_by(request.user), pk=page_id)
    form = StockForm(request.POST or None, initial={"quantity": product.stock_quantity})
    if request.method == "POST" and form.is_valid():
        try:
            stock_set(
                product=product,
                quantity=form.cleaned_data["quantity"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("quantity", error)
        else:
            messages.success(
                request,
                f"Stock of “{product.title}” is now {form.cleaned_data['quantity']}.",
            )
            return redirect("wagtailadmin_pages:edit", product.pk)
    return TemplateResponse(
        request,
        "vendors/admin/product_stock.html",
        {
            "form": form,
            "product": product,
            "action_url": reverse("vendors_admin:product_stock", args=[product.pk]),
            "page_title": f"Stock of {product.title}",
            "header_icon": "tag",
            "submit_button_label": "Save stock",
            "submit_button_active_label": "Saving…",
        },
    )
