from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from alerts.selectors import active_alert_keys
from api.fields import is_valid_id
from shop.services.cart import cart_for
from shop.views.messages import SERVICE_ERRORS, error_message
from wishlists.selectors import (
    wishlist_items_of,
    wishlist_owner_name,
    wishlist_share_token,
    wishlist_shared,
    wishlist_shared_items,
)
from wishlists.services import (
    wishlist_add,
    wishlist_add_all_to_cart,
    wishlist_remove,
    wishlist_share,
    wishlist_unshare,
)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request, fallback: str = "wishlists:detail"):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _product_id(request) -> int | None:
    value = request.POST.get("product", "")
    return int(value) if is_valid_id(value) else None


@require_POST
def item_add(request):
    """The heart: save a product (JSON for the page's script, else a redirect)."""
    try:
        product, added = wishlist_add(
            user=request.user,
            session=request.session,
            product_id=_product_id(request),
        )
    except SERVICE_ERRORS as error:
        if _wants_json(request):
            return JsonResponse({"detail": error_message(error)}, status=400)
        messages.error(request, error_message(error))
        return _back(request)
    if _wants_json(request):
        return JsonResponse({"product": product.pk, "saved": True}, status=200)
    if added:
        messages.success(request, f"Saved “{product.title}” to your wishlist.")
    else:
        messages.info(request, f"“{product.title}” is in your wishlist already.")
    return _back(request)


@require_POST
def item_remove(request):
    product_id = _product_id(request)
    removed = product_id is not None and wishlist_remove(
        user=request.user, session=request.session, product_id=product_id
    )
    if _wants_json(request):
        return JsonResponse({"product": product_id, "saved": False})
    if removed:
        messages.success(request, "Removed from your wishlist.")
    return _back(request)


@never_cache
@require_safe
def wishlist_detail(request):
    items = wishlist_items_of(user=request.user, session=request.session)
    token = wishlist_share_token(user=request.user)
    share_url = (
        request.build_absolute_uri(reverse("wishlists:shared", args=[token]))
        if token
        else ""
    )
    return render(
        request,
        "wishlists/wishlist.html",
        {
            "items": items,
            "share_url": share_url,
            "alert_keys": active_alert_keys(
                user=request.user, product_ids=[line.product.pk for line in items]
            ),
        },
    )


def _add_all(request, items) -> None:
    added, skipped = wishlist_add_all_to_cart(
        cart=cart_for(user=request.user, session=request.session),
        products=[line.product for line in items],
    )
    if added:
        messages.success(request, f"Added {added} item(s) to your cart.")
    if skipped:
        messages.warning(
            request,
            "Not added (sold out or not for sale): "
            + ", ".join(f"“{name}”" for name in skipped)
            + ".",
        )


@require_POST
def add_all_to_cart(request):
    _add_all(request, wishlist_items_of(user=request.user, session=request.session))
    return redirect("shop:cart_detail")


@require_POST
@login_required
def share(request):
    wishlist_share(user=request.user)
    messages.success(request, "Your wishlist can now be seen by anyone with the link.")
    return redirect("wishlists:detail")


@require_POST
@login_required
def unshare(request):
    wishlist_unshare(user=request.user)
    messages.success(request, "The link no longer works.")
    return redirect("wishlists:detail")


def _shared_or_404(token: str):
    wishlist = wishlist_shared(token=token)
    if wishlist is None:
        raise Http404("No such wishlist.")
    return wishlist


@never_cache
@require_safe
def shared_detail(request, token: str):
    """A shared list, read-only: the owner's first name, never their e-mail."""
    wishlist = _shared_or_404(token)
    response = render(
        request,
        "wishlists/shared.html",
        {
            "owner": wishlist_owner_name(wishlist=wishlist),
            "items": wishlist_shared_items(wishlist=wishlist),
            "token": token,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token stays on this site: other sites get no Referer from this page.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_POST
def shared_add_all_to_cart(request, token: str):
    wishlist = _shared_or_404(token)
    _add_all(request, wishlist_shared_items(wishlist=wishlist))
    return redirect("shop:cart_detail")
