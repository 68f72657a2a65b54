import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from api.vendors.filters import IdFilter
from reviews.models import RATING_MAX, RATING_MIN, Review
from reviews.selectors import REVIEW_ORDERINGS

# The API's names for the product page's sort orders.
API_ORDERINGS = {
    "-created_at": REVIEW_ORDERINGS["newest"],
    "-rating": REVIEW_ORDERINGS["highest"],
    "rating": REVIEW_ORDERINGS["lowest"],
}


@extend_schema_field({"type": "integer", "minimum": RATING_MIN, "maximum": RATING_MAX})
class RatingFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ReviewFilter(django_filters.FilterSet):
    product = IdFilter(field_name="product_id", label="Product id")
    user = IdFilter(field_name="user_id", label="Author's user id")
    rating = RatingFilter(
        field_name="rating",
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        label="Only reviews with this many stars",
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(name, name) for name in API_ORDERINGS],
        method="filter_ordering",
        label="Sort order: newest (default), best or worst rated first",
    )

    class Meta:
        model = Review
        fields: list[str] = []

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*API_ORDERINGS[value])
