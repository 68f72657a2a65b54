from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from wishlists.services import wishlist_merge


@receiver(user_logged_in, dispatch_uid="wishlists_merge_at_login")
def wishlist_merge_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    wishlist_merge(user=user, session=request.session)
