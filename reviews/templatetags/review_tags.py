from dataclasses import dataclass, field
from decimal import Decimal

from django import template
from django.core.paginator import Page as PaginatorPage

from reviews.models import RATING_MAX, ProductRating, Review, ReviewReport
from reviews.selectors import (
    DEFAULT_REVIEW_ORDERING,
    REVIEW_ORDERING_LABELS,
    REVIEW_ORDERINGS,
    product_rating_of,
    reviews_of_product,
)
from vendors.selectors import page_of

register = template.Library()

REVIEWS_PER_PAGE = 10


@dataclass
class ReviewsPanel:
    rating: ProductRating
    reviews: PaginatorPage | None = None
    ordering: str = DEFAULT_REVIEW_ORDERING
    orderings: dict[str, str] = field(default_factory=dict)
    report_reasons: list = field(default_factory=lambda: ReviewReport.Reason.choices)


@register.simple_tag(takes_context=True)
def product_reviews_panel(context, product) -> ReviewsPanel:
    """Everything the product page shows of reviews, in a fixed number of
    queries however many reviews there are. The same for every visitor: their own
    review form comes from pagecache.views.session_state."""
    if product.pk is None:  # the preview of a product never saved
        return ReviewsPanel(rating=ProductRating())
    request = context["request"]
    ordering = request.GET.get("reviews_sort", "")
    if ordering not in REVIEW_ORDERINGS:
        ordering = DEFAULT_REVIEW_ORDERING
    rating = product_rating_of(product=product)
    if rating.count:
        reviews = reviews_of_product(product=product, ordering=ordering)
    else:
        # The rating counts the visible reviews (product_rating_recompute, in
        # the transaction of every change): none to count or list.
        reviews = Review.objects.none()
    reviews = page_of(
        reviews, number=request.GET.get("reviews_page"), per_page=REVIEWS_PER_PAGE
    )
    return ReviewsPanel(
        rating=rating,
        reviews=reviews,
        ordering=ordering,
        orderings=REVIEW_ORDERING_LABELS,
    )


@register.inclusion_tag("reviews/stars.html")
def stars(value: Decimal | int | None, size: str = ""):
    """Five star icons for a rating, rounded to the nearest half star."""
    halves = round(float(value or 0) * 2)
    icons = []
    for position in range(1, RATING_MAX + 1):
        if halves >= position * 2:
            icons.append("star-fill")
        elif halves == position * 2 - 1:
            icons.append("star-half")
        else:
            icons.append("star")
    return {"icons": icons, "value": value, "size": size}
