from django.contrib.messages import get_messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from analytics.counters import product_view_count
from api.fields import is_valid_id
from notifications.selectors import unread_count
from reviews.forms import RATING_CHOICES
from reviews.selectors import is_product_of_vendor, review_ids_reported_by, review_of
from shop.selectors import cart_item_count
from vendors.selectors import products_visible
from wishlists.selectors import saved_product_ids

REVIEW_IDS_MAX = 50


def _ids(value: str) -> list[int]:
    parts = value.split(",")[:REVIEW_IDS_MAX]
    return [int(part) for part in parts if part.isdigit() and is_valid_id(part)]


def _product_state(request, product_id: str) -> dict | None:
    """The product page's reviews panel as this visitor sees it."""
    if not is_valid_id(product_id):
        return None
    product = products_visible().filter(pk=product_id).first()
    if product is None or not request.user.is_authenticated:
        return None
    user = request.user
    is_vendor = is_product_of_vendor(product=product, user=user)
    own_review = None if is_vendor else review_of(user=user, product=product)
    form_html = render_to_string(
        "includes/review_form.html",
        {
            "page": product,
            "own_review": own_review,
            "is_product_vendor": is_vendor,
            "rating_choices": RATING_CHOICES,
        },
        request=request,
    )
    reported = review_ids_reported_by(
        user=user, review_ids=_ids(request.GET.get("reviews", ""))
    )
    return {
        "is_product_vendor": is_vendor,
        "own_review_id": own_review.pk if own_review else None,
        "reported_review_ids": sorted(reported),
        "review_form_html": form_html,
    }


@never_cache
@require_safe
def session_state(request):
    """What cached pages leave out because it is the visitor's own: sign-in state,
    cart count, unread notifications, messages, a CSRF token for their forms, and
    on a product page (`?product=<id>&reviews=<ids on the page>`) the visitor's
    review form."""
    user = request.user
    state = {
        "is_authenticated": user.is_authenticated,
        "username": user.get_username() if user.is_authenticated else "",
        "cart_count": cart_item_count(user=user, session=request.session),
        "notifications_unread": unread_count(user=user),
        "csrf_token": get_token(request),
        "messages": [
            {"level": message.level_tag or "info", "text": str(message)}
            for message in get_messages(request)
        ],
        "user_menu_html": render_to_string(
            "includes/user_menu.html", {"user": user}, request=request
        ),
        "product": None,
        # Which of the page's products (`?saved=<ids>`) the visitor has saved.
        "wishlist_saved": saved_product_ids(
            user=user,
            session=request.session,
            product_ids=_ids(request.GET.get("saved", "")),
        ),
    }
    if "product" in request.GET:
        state["product"] = _product_state(request, request.GET["product"])
    response = JsonResponse(state)
    if is_valid_id(request.GET.get("product", "")):
        # Views are counted here, not on the (cached) product page itself.
        product_view_count(request, response, product_id=int(request.GET["product"]))
    return response
