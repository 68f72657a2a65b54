from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from shop.services.cart import cart_merge


@receiver(user_logged_in, dispatch_uid="shop_cart_merge_at_login")
def cart_merge_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    notes = cart_merge(user=user, session=request.session)
    if notes:
        messages.info(
            request,
            "We added what you chose before signing in to your cart: "
            + "; ".join(str(note) for note in notes)
            + ".",
        )
