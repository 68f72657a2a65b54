from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from shop.services.cart import cart_merge
from shop.session import CHECKOUT_WELCOME_KEY, is_heading_to_checkout


@receiver(user_logged_in, dispatch_uid="shop_cart_merge_at_login")
def cart_merge_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    notes = cart_merge(user=user, session=request.session)
    if is_heading_to_checkout(request):
        # The checkout page sums up the sign-in in one message (views.checkout).
        welcome = request.session.get(CHECKOUT_WELCOME_KEY) or {}
        welcome["merged"] = [str(note) for note in notes]
        request.session[CHECKOUT_WELCOME_KEY] = welcome
        return
    if notes:
        messages.info(
            request,
            "We added what you chose before signing in to your cart: "
            + "; ".join(str(note) for note in notes)
            + ".",
        )


@receiver(user_signed_up, dispatch_uid="shop_signed_up_on_the_way_to_checkout")
def signed_up_on_the_way_to_checkout(sender, request, user, **kwargs):
    if request is not None and is_heading_to_checkout(request):
        welcome = request.session.get(CHECKOUT_WELCOME_KEY) or {}
        welcome["new_account"] = True
        request.session[CHECKOUT_WELCOME_KEY] = welcome
