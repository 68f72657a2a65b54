from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from shop.forms import CartAddForm, QuantityForm
from shop.services.cart import (
    cart_add_item,
    cart_contents,
    cart_for,
    cart_remove_item,
    cart_set_quantity,
)
from shop.shipping import cart_quote
from shop.views.messages import SERVICE_ERRORS, error_message, removed_message


def _cart(request):
    return cart_for(user=request.user, session=request.session)


def _back(request, fallback: str = "shop:cart_detail"):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@require_safe
def cart_detail(request):
    contents = cart_contents(cart=_cart(request))
    if contents.removed:
        messages.warning(request, removed_message(contents.removed))
    return render(
        request,
        "shop/cart_detail.html",
        {"cart": contents, "quote": cart_quote(contents=contents)},
    )


@require_POST
def cart_add(request):
    form = CartAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_message(form))
        return _back(request)
    try:
        line = cart_add_item(
            cart=_cart(request),
            product_id=form.cleaned_data["product"],
            quantity=form.cleaned_data["quantity"],
        )
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
        return _back(request)
    messages.success(
        request,
        f"Added {form.cleaned_data['quantity']} × “{line.product.title}” to your cart.",
    )
    return redirect("shop:cart_detail")


@require_POST
def cart_update(request, product_id: int):
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_message(form))
        return redirect("shop:cart_detail")
    try:
        cart_set_quantity(
            cart=_cart(request),
            product_id=product_id,
            quantity=form.cleaned_data["quantity"],
        )
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, "Your cart was updated.")
    return redirect("shop:cart_detail")


@require_POST
def cart_remove(request, product_id: int):
    try:
        cart_remove_item(cart=_cart(request), product_id=product_id)
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, "The item was removed from your cart.")
    return redirect("shop:cart_detail")
