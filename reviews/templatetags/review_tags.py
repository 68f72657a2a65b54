from dataclasses import dataclass, field
from decimal import Decimal

from django import template
from django.core.paginator import Page as PaginatorPage

from reviews.forms import RATING_CHOICES
from reviews.models import RATING_MAX, ProductRating, Review, ReviewReport
from reviews.selectors import (
    DEFAULT_REVIEW_ORDERING,
    REVIEW_ORDERING_LABELS,
    REVIEW_ORDERINGS,
    is_product_of_vendor,
    product_rating_of,
    review_ids_reported_by,
    review_of,
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
    own_review: Review | None = None
    can_write_review: bool = False
    is_product_vendor: bool = False
    reported_ids: set[int] = field(default_factory=set)
    rating_choices: list = field(default_factory=lambda: RATING_CHOICES)
    report_reasons: list = field(default_factory=lambda: ReviewReport.Reason.choices)


@register.simple_tag(takes_context=True)
def product_reviews_panel(context, product) -> ReviewsPanel:
    """Everything the product page shows of reviews, in a fixed number of
    queries however many reviews there are."""
    if product.pk is None:  # the preview of a product never saved
        return ReviewsPanel(rating=ProductRating())
    request = context["request"]
    user = request.user
    ordering = request.GET.get("reviews_sort", "")
    if ordering not in REVIEW_ORDERINGS:
        ordering = DEFAULT_REVIEW_ORDERING
    reviews = page_of(
        reviews_of_product(product=product, ordering=ordering),
        number=request.GET.get("reviews_page"),
        per_page=REVIEWS_PER_PAGE,
    )
    panel = ReviewsPanel(
        rating=product_rating_of(product=product),
        reviews=reviews,
        ordering=ordering,
        orderings=REVIEW_ORDERING_LABELS,
    )
    if user.is_authenticated:
        panel.is_product_vendor = is_product_of_vendor(product=product, user=user)
        # can_review's rule, without asking the database twice.
        if not panel.is_product_vendor:
            panel.can_write_review = True
            panel.own_review = review_of(user=user, product=product)
        panel.reported_ids = review_ids_reported_by(
            user=user, review_ids=[review.pk for review in reviews]
        )
    return panel


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
