from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from api.fields import MAX_ID
from vendors.filters import ORDERINGS, ProductFilterSet
from vendors.models import ProductPage, StorePage
from vendors.search import in_rank_order, ranked_ids, search_words
from vendors.selectors import stores_visible


# Typed here so the schema never has to look the field up in the database.
@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """Rows whose `field_name` is this id; a whole number out of the database's
    range matches nothing, anything else is a 400."""

    field_class = forms.IntegerField

    def filter(self, queryset, value):
        if value is not None and not 0 < value <= MAX_ID:
            return queryset.none()
        return super().filter(queryset, value)


def _words_filter(queryset, fields: list[str], value: str):
    """Rows where every word of `value` appears in one of `fields`."""
    for word in value.split()[:10]:
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


STORE_ORDERINGS = {
    "name": (Lower("title"), "pk"),
    "-name": (Lower("title").desc(), "-pk"),
    "created_at": ("created_at", "pk"),
    "-created_at": ("-created_at", "-pk"),
}


class StoreFilter(django_filters.FilterSet):
    vendor = IdFilter(field_name="vendor_id", label="Vendor id")
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, label="Words in name or description"
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(name, name) for name in STORE_ORDERINGS],
        method="filter_ordering",
        label="Sort order",
    )

    class Meta:
        model = StorePage
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return _words_filter(queryset, ["title", "description"], value)

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*STORE_ORDERINGS[value])


API_SEARCH_MAX_RESULTS = 240
API_ORDERINGS = {**ORDERINGS, "-created_at": ORDERINGS["-created"]}


IN_STOCK_HELP = "true: can be bought now (digital or stock left); false: sold out"


# Documented by hand: the model's `in_stock` is a boolean, and the schema
# drf-spectacular derives from it (a boolean with string choices) contradicts
# itself; Schemathesis then counts "true" as invalid input.
@extend_schema_field(
    {"type": "string", "enum": ["true", "false"], "description": IN_STOCK_HELP}
)
class InStockFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("label", IN_STOCK_HELP)
        super().__init__(*args, **kwargs)


class ProductFilter(ProductFilterSet):
    """The catalogue's filters (vendors.filters) plus the API's own."""

    store = IdFilter(field_name="store_id", label="Store id")
    vendor = IdFilter(field_name="store__vendor_id", label="Vendor id")
    in_stock = InStockFilter(method="filter_in_stock")
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        label="Words in name, summary or store name",
    )
    min_rating = django_filters.NumberFilter(
        method="filter_min_rating",
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        max_digits=3,
        decimal_places=2,
        label="Lowest average rating, 0-5 (unrated products only with 0)",
    )
    ordering = django_filters.ChoiceFilter(
        choices=[
            (name, name)
            for name in ["price", "-price", "name", "-created_at", "-rating"]
        ],
        method="filter_ordering",
        label="Sort order",
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(
            data, queryset, request=request, prefix=prefix, stores=stores_visible()
        )

    def filter_search(self, queryset, name, value):
        """Products matching every word, best first unless `ordering` is given;
        at most API_SEARCH_MAX_RESULTS, as on the site (vendors.search)."""
        ids = ranked_ids(ProductPage, search_words(value), limit=API_SEARCH_MAX_RESULTS)
        if ids is None:
            # A search engine behind Wagtail's backends: no ranked ids to use here.
            return _words_filter(queryset, ["title", "summary", "store__title"], value)
        queryset = queryset.filter(pk__in=ids)
        if self.data.get("ordering") or not ids:
            return queryset
        return in_rank_order(queryset, ids)

    def filter_in_stock(self, queryset, name, value):
        return queryset.filter(in_stock=value == "true")

    def filter_min_rating(self, queryset, name, value):
        # 0 asks for nothing, so unrated products stay in.
        if value <= 0:
            return queryset
        return queryset.filter(rating_average__gte=value)

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*API_ORDERINGS[value])
