from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from shop.exceptions import OutOfStock
from shop.forms import CheckoutForm
from shop.models import Address
from shop.payment_providers import payment_providers
from shop.selectors import addresses_of
from shop.services.cart import cart_contents, cart_for
from shop.services.checkout import order_place
from shop.session import CHECKOUT_WELCOME_KEY
from shop.shipping import cart_quote, shipping_destination_check
from shop.views.messages import SERVICE_ERRORS, error_message, removed_message

CHECKOUT_SESSION_KEY = "checkout"


def _checkout_start(request):
    """The cart to check out, or the response that sends the buyer elsewhere."""
    if not request.user.is_authenticated:
        messages.info(
            request,
            "Log in or create an account to check out. Your cart will be waiting.",
        )
        return None, redirect_to_login(reverse("shop:checkout"))
    cart = cart_for(user=request.user, session=request.session)
    contents = cart_contents(cart=cart)
    if contents.removed:
        messages.warning(request, removed_message(contents.removed))
    if contents.is_empty:
        messages.info(request, "Your cart is empty.")
        return None, redirect("shop:cart_detail")
    if contents.has_short_lines:
        short = "; ".join(
            f"only {line.available} of “{line.product.title}” left"
            for line in contents.lines
            if line.is_short
        )
        messages.error(
            request, f"Not enough stock: {short}. Lower the quantity to check out."
        )
        return None, redirect("shop:cart_detail")
    return (cart, contents), None


def _methods():
    return [(code, provider.label) for code, provider in payment_providers().items()]


def _welcome_summary(request) -> None:
    """Just signed in (or up) on the way here: what the sign-in would have said
    (signed in, confirmation e-mail sent, cart merged; left out by
    accounts.adapter and shop.signals) in one message."""
    welcome = request.session.pop(CHECKOUT_WELCOME_KEY, None)
    if welcome is None or not request.user.is_authenticated:
        return
    user = request.user
    name = user.first_name or user.get_username()
    text = (
        f"Welcome, {name}: your account is ready"
        if welcome.get("new_account")
        else f"Welcome back, {name}: you are signed in"
    )
    if welcome.get("new_account") and _email_unverified(user):
        text += f" (we sent a link to confirm {user.email} to your inbox)"
    merged = welcome.get("merged") or []
    if merged:
        text += ", and your cart now also holds " + "; ".join(merged)
    messages.success(request, text + ". Check the details below and place your order.")


def _email_unverified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=False
    ).exists()


@require_http_methods(["GET", "HEAD", "POST"])
def checkout(request):
    _welcome_summary(request)
    started, response = _checkout_start(request)
    if response:
        return response
    _cart, contents = started
    user = request.user
    addresses = list(addresses_of(user=user)[:5])
    form = CheckoutForm(
        request.POST if request.method == "POST" else None,
        addresses=addresses,
        methods=_methods(),
        needs_shipping=contents.needs_shipping,
        address_initial={"full_name": user.get_full_name(), "address": user.address},
    )
    quote = cart_quote(contents=contents)
    if request.method == "POST" and form.is_valid():
        choice = form.shipping_choice()
        try:
            _destination_check(request, quote, choice)
        except ValidationError as error:
            form.add_error(None, error.message_dict["shipping_address"])
        else:
            request.session[CHECKOUT_SESSION_KEY] = {
                "shipping": choice,
                "payment_method": form.cleaned_data["payment_method"],
            }
            return redirect("shop:checkout_review")
    return render(
        request,
        "shop/checkout.html",
        {"cart": contents, "quote": quote, "form": form, "step": "details"},
    )


def _destination_check(request, quote, choice: dict) -> None:
    """Refuse at once an address a store of the cart does not ship to (checkout
    checks again when the order is placed)."""
    address = _shipping_address(request, choice)
    if address is None:
        return
    country = (
        address.country if isinstance(address, Address) else address.get("country")
    )
    shipping_destination_check(quote=quote, country=country)


def _shipping_address(request, choice: dict):
    """The address chosen at the first step: an Address, its fields or None."""
    if "address_id" in choice:
        return addresses_of(user=request.user).filter(pk=choice["address_id"]).first()
    if "address" in choice:
        return choice["address"]
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def checkout_review(request):
    started, response = _checkout_start(request)
    if response:
        return response
    cart, contents = started
    details = request.session.get(CHECKOUT_SESSION_KEY) or {}
    methods = dict(_methods())
    shipping = _shipping_address(request, details.get("shipping") or {})
    if details.get("payment_method") not in methods or (
        contents.needs_shipping and shipping is None
    ):
        return redirect("shop:checkout")
    if request.method == "POST":
        try:
            order = order_place(
                buyer=request.user,
                cart=cart,
                payment_method=details["payment_method"],
                shipping_address=shipping if contents.needs_shipping else None,
                return_url=request.build_absolute_uri(reverse("shop:paypal_return")),
                cancel_url=request.build_absolute_uri(reverse("shop:paypal_cancel")),
            )
        except OutOfStock as error:
            messages.error(request, error_message(error))
            return redirect("shop:cart_detail")
        except SERVICE_ERRORS as error:
            messages.error(request, error_message(error))
            return redirect("shop:checkout")
        request.session.pop(CHECKOUT_SESSION_KEY, None)
        return payment_next_step(request, order)
    return render(
        request,
        "shop/checkout_review.html",
        {
            "cart": contents,
            "quote": cart_quote(contents=contents),
            "shipping": shipping if isinstance(shipping, Address) else None,
            "shipping_fields": shipping if isinstance(shipping, dict) else None,
            "payment_label": methods[details["payment_method"]],
            "is_test_payment": details["payment_method"] == "test",
            "step": "review",
        },
    )


def payment_next_step(request, order):
    """After placing or paying again: the confirmation, PayPal, or the order."""
    payment = order.payment
    if order.status == "paid":
        return redirect("shop:order_confirmation", order.number)
    if payment.approve_url and payment.status == "pending":
        return redirect(payment.approve_url)
    messages.error(
        request,
        f"Order {order.number} is placed but not paid: "
        f"{payment.last_error or 'the payment did not go through.'} "
        "You can try again or cancel the order.",
    )
    return redirect("shop:order_detail", order.number)
