from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from accounts.models import User
from reviews.models import ProductRating, Review, ReviewReport
from shop.models import SOLD_STATUSES, OrderLine
from vendors.models import ProductPage
from vendors.selectors import products_visible, stores_managed_by

REVIEW_ORDERINGS = {
    "newest": ("-created_at", "-pk"),
    "highest": ("-rating", "-created_at", "-pk"),
    "lowest": ("rating", "-created_at", "-pk"),
}
REVIEW_ORDERING_LABELS = {
    "newest": "Newest",
    "highest": "Highest rated",
    "lowest": "Lowest rated",
}
DEFAULT_REVIEW_ORDERING = "newest"


def has_paid_order_with(*, user_id: int, product_id: int) -> bool:
    return OrderLine.objects.filter(
        order__buyer_id=user_id,
        product_id=product_id,
        order__status__in=SOLD_STATUSES,
    ).exists()


def products_bought_by(*, user_id: int, product_ids: list[int]) -> set[int]:
    """Which of these products the user has a paid order with."""
    return set(
        OrderLine.objects.filter(
            order__buyer_id=user_id,
            product_id__in=product_ids,
            order__status__in=SOLD_STATUSES,
        ).values_list("product_id", flat=True)
    )


def is_product_of_vendor(*, product: ProductPage, user: User | AnonymousUser) -> bool:
    """True when the user runs the store the product is sold in."""
    if not user.is_authenticated:
        return False
    return ProductPage.objects.filter(pk=product.pk, store__vendor=user).exists()


def can_review(*, user: User | AnonymousUser, product: ProductPage) -> bool:
    """Signed-in users may review, except the vendor of the product's store."""
    return user.is_authenticated and not is_product_of_vendor(
        product=product, user=user
    )


def can_change_review(*, user: User | AnonymousUser, review: Review) -> bool:
    """Authors edit and delete their own reviews; admins any."""
    return user.is_authenticated and (user.is_admin or review.user_id == user.pk)


def can_reply(*, user: User | AnonymousUser, review: Review) -> bool:
    """The vendor of the product's store answers its reviews; admins too."""
    if not user.is_authenticated:
        return False
    return user.is_admin or is_product_of_vendor(product=review.product, user=user)


def reviews_visible() -> QuerySet[Review]:
    """Reviews anyone may read: not hidden, on a product anyone may see; with
    author and reply, newest first."""
    return (
        Review.objects.filter(
            is_hidden=False, product__in=products_visible().values("pk")
        )
        .select_related("user", "reply", "reply__author")
        .order_by(*REVIEW_ORDERINGS[DEFAULT_REVIEW_ORDERING])
    )


def reviews_reachable(*, user: User | AnonymousUser) -> QuerySet[Review]:
    """The reviews anyone may read, plus the user's own hidden ones (so the
    author can still edit or delete them); every review for an admin."""
    if user.is_authenticated and user.is_admin:
        reviews = Review.objects.all()
    else:
        reviews = Review.objects.filter(pk__in=reviews_visible().values("pk"))
        if user.is_authenticated:
            reviews = reviews | Review.objects.filter(user=user)
    return reviews.select_related("user", "reply", "reply__author").order_by(
        *REVIEW_ORDERINGS[DEFAULT_REVIEW_ORDERING]
    )


def reviews_of_product(
    *, product: ProductPage, ordering: str = DEFAULT_REVIEW_ORDERING
) -> QuerySet[Review]:
    """The product's visible reviews in `ordering` (newest, highest, lowest; an
    unknown name means newest)."""
    order_by = REVIEW_ORDERINGS.get(ordering, REVIEW_ORDERINGS[DEFAULT_REVIEW_ORDERING])
    return (
        Review.objects.filter(product=product, is_hidden=False)
        .select_related("user", "reply", "reply__author")
        .order_by(*order_by)
    )


def review_of(*, user: User | AnonymousUser, product: ProductPage) -> Review | None:
    """The user's own review of the product, hidden or not."""
    if not user.is_authenticated:
        return None
    return (
        Review.objects.select_related("reply")
        .filter(user=user, product=product)
        .first()
    )


def review_ids_reported_by(
    *, user: User | AnonymousUser, review_ids: list[int]
) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        ReviewReport.objects.filter(
            reporter=user, review_id__in=review_ids
        ).values_list("review_id", flat=True)
    )


def product_rating_of(*, product: ProductPage) -> ProductRating:
    """The product's rating; an unsaved empty one when nobody has reviewed it.
    No query when the product was loaded with it (its page's routing)."""
    if ProductPage.rating.is_cached(product):
        try:
            return product.rating
        except ProductRating.DoesNotExist:
            return ProductRating(product=product)
    rating = ProductRating.objects.filter(product=product).first()
    return rating or ProductRating(product=product)


def reviews_for_moderation() -> QuerySet[Review]:
    """Every review, hidden ones too, the most reported first."""
    return (
        Review.objects.select_related("user", "product", "product__store")
        .annotate(report_count=Count("reports"))
        .order_by("-report_count", "-created_at", "-pk")
    )


def reports_of(*, review: Review) -> QuerySet[ReviewReport]:
    return review.reports.select_related("reporter").order_by("created_at", "pk")


def reviews_reported() -> QuerySet[Review]:
    """The moderators' queue: visible reviews someone reported, the most
    reported first."""
    return reviews_for_moderation().filter(is_hidden=False, report_count__gt=0)


def reviews_answerable_by(*, user: User | AnonymousUser) -> QuerySet[Review]:
    """Reviews of the stores the user manages (every store for admins), hidden
    ones left out: nobody reads a reply to a hidden review."""
    return (
        Review.objects.filter(
            product__store__in=stores_managed_by(user).values("pk"), is_hidden=False
        )
        .select_related("user", "product", "product__store")
        .order_by(*REVIEW_ORDERINGS[DEFAULT_REVIEW_ORDERING])
    )


def reviews_awaiting_reply(*, user: User | AnonymousUser) -> QuerySet[Review]:
    """The vendor's review inbox: their stores' reviews nobody has answered yet,
    newest first."""
    return reviews_answerable_by(user=user).filter(reply__isnull=True)
