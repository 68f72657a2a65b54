"""The search results page: promoted pages first, stores and products grouped,
facets with counts, and somewhere to go when nothing matches; and the reports
on what buyers searched for."""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import QueryDict
from django.utils import timezone
from wagtail.contrib.search_promotions.models import QueryDailyHits, SearchPromotion

from searches.models import QueryOutcome, QueryStoreMatch
from searches.services import FILTER_PARAMS
from searches.text import query_text
from shop.selectors import products_best_selling
from vendors.filters import ProductFilterSet
from vendors.models import ProductPage, StorePage
from vendors.search import RankedResults, ranked_ids, search_words
from vendors.selectors import (
    SEARCH_MAX_RESULTS,
    SEARCH_STORES_LIMIT,
    products_public,
    stores_public,
)

PRICE_RANGES = (
    (None, Decimal("10")),
    (Decimal("10"), Decimal("25")),
    (Decimal("25"), Decimal("50")),
    (Decimal("50"), Decimal("100")),
    (Decimal("100"), None),
)
RATING_FLOORS = (4, 3)
STORE_FACET_LIMIT = 8
BEST_SELLERS_LIMIT = 8
REPORT_DAYS = 30
REPORT_LIMIT = 20
# Popular queries compared with one that found nothing.
POPULAR_QUERIES_COMPARED = 500


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    query_string: str
    active: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    # The results without this facet's filter, when one is chosen.
    clear_query_string: str | None = None


@dataclass
class SearchPage:
    query: str
    stores: list[StorePage] = field(default_factory=list)
    products: Sequence[ProductPage] = ()
    promoted_ids: frozenset[int] = frozenset()
    facets: list[Facet] = field(default_factory=list)
    filter_form: object = None
    filters_active: bool = False
    closest_query: str | None = None
    best_sellers: list[ProductPage] = field(default_factory=list)
    # Every visible store and product the words found, before filters.
    found_store_ids: list[int] = field(default_factory=list)
    found_product_ids: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.stores and not self.products


def _ranked(model, words: list[str]) -> list[int]:
    ids = ranked_ids(model, words, limit=SEARCH_MAX_RESULTS)
    if ids is None:
        # A search engine behind Wagtail (OpenSearch...): the same ids, asked
        # through its backend.
        found = model.objects.live().search(" ".join(words))[:SEARCH_MAX_RESULTS]
        ids = [page.pk for page in found]
    return ids


def promoted_page_ids(text: str) -> list[int]:
    """Pages an admin pinned to this query (Wagtail's search promotions), in
    their order."""
    if not text:
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=text, page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", flat=True)
    )


def _in_order(ids: list[int], allowed: set[int]) -> list[int]:
    return [pk for pk in dict.fromkeys(ids) if pk in allowed]


def _link(params: QueryDict, **changes) -> str:
    params = params.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = str(value)
    return params.urlencode()


def _price_label(low, high) -> str:
    from vendors.templatetags.money_tags import money

    if low is None:
        return f"Under {money(high)}"
    if high is None:
        return f"{money(low)} and over"
    return f"{money(low)} – {money(high)}"


def _facets(products, params: QueryDict, cleaned: dict) -> list[Facet]:
    """Store, price range, in stock and rating, counted over `products` (the
    results as filtered so far): three queries."""
    counts = products.order_by().aggregate(
        **{
            f"price_{index}": Count(
                "pk",
                filter=(Q(price__gte=low) if low is not None else Q())
                & (Q(price__lt=high) if high is not None else Q()),
            )
            for index, (low, high) in enumerate(PRICE_RANGES)
        },
        in_stock=Count("pk", filter=Q(in_stock=True)),
        **{
            f"rating_{floor}": Count("pk", filter=Q(rating__average__gte=floor))
            for floor in RATING_FLOORS
        },
    )
    # Counted on the product table alone, the names read after: joined to the
    # stores, MariaDB started from the store table and read every product of
    # each store (100,000 rows, 11 ms, at 100,000 products for 240 results).
    store_counts = dict(
        products.order_by()
        .values("store_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "store_id")
        .values_list("store_id", "n")[:STORE_FACET_LIMIT]
    )
    store_names = dict(
        StorePage.objects.filter(pk__in=store_counts).values_list("pk", "title")
    )
    chosen_store = cleaned.get("store")
    low_now, high_now = cleaned.get("min_price"), cleaned.get("max_price")
    rating_now = cleaned.get("min_rating")
    facets = [
        Facet(
            "store",
            "Store",
            [
                FacetOption(
                    store_names.get(pk, ""),
                    n,
                    _link(params, store=pk),
                    chosen_store is not None and chosen_store.pk == pk,
                )
                for pk, n in store_counts.items()
            ],
        ),
        Facet(
            "price",
            "Price",
            [
                FacetOption(
                    _price_label(low, high),
                    counts[f"price_{index}"],
                    # max_price is inclusive in the catalogue's filter: a range
                    # ends a cent below the next one's start.
                    _link(
                        params,
                        min_price=low,
                        max_price=high - Decimal("0.01") if high else None,
                    ),
                    low_now == low
                    and high_now == (high - Decimal("0.01") if high else None),
                )
                for index, (low, high) in enumerate(PRICE_RANGES)
                if counts[f"price_{index}"]
            ],
        ),
        Facet(
            "in_stock",
            "Availability",
            [
                FacetOption(
                    "In stock",
                    counts["in_stock"],
                    _link(params, in_stock="true"),
                    bool(cleaned.get("in_stock")),
                )
            ]
            if counts["in_stock"]
            else [],
        ),
        Facet(
            "min_rating",
            "Rating",
            [
                FacetOption(
                    f"{floor} stars & up",
                    counts[f"rating_{floor}"],
                    _link(params, min_rating=floor),
                    rating_now == str(floor),
                )
                for floor in RATING_FLOORS
                if counts[f"rating_{floor}"]
            ],
        ),
    ]
    clear = {
        "store": {"store": None},
        "price": {"min_price": None, "max_price": None},
        "in_stock": {"in_stock": None},
        "min_rating": {"min_rating": None},
    }
    return [
        Facet(
            facet.name,
            facet.label,
            facet.options,
            _link(params, **clear[facet.name])
            if any(params.get(name) for name in clear[facet.name])
            else None,
        )
        for facet in facets
        if facet.options
    ]


def search_page(*, query: str, params: QueryDict) -> SearchPage:
    """The search page for `query` narrowed by the catalogue's filters in
    `params`. Promoted pages lead their group; products keep the search's rank
    unless a sort order is chosen. A bounded number of queries."""
    text = query_text(query)
    words = search_words(query)
    if not words:
        return SearchPage(query=query)
    promoted = promoted_page_ids(text)
    store_ids = _ranked(StorePage, words)
    product_ids = _ranked(ProductPage, words)
    # Each is built once: Wagtail's public() reads the view restrictions when
    # a queryset is built, so every rebuild would cost a query.
    stores, products = stores_public(), products_public()
    visible_stores = set(
        stores.filter(pk__in=promoted + store_ids).values_list("pk", flat=True)
    )
    visible_products = set(
        products.filter(pk__in=promoted + product_ids).values_list("pk", flat=True)
    )
    shown_stores = _in_order(promoted + store_ids, visible_stores)
    shown_products = _in_order(promoted + product_ids, visible_products)

    filters_active = any(params.get(name) for name in FILTER_PARAMS)
    filterset = ProductFilterSet(
        params,
        queryset=products.filter(pk__in=shown_products),
        stores=stores.filter(pk__in=shown_stores_of(shown_products)).order_by(
            "title", "pk"
        ),
    )
    filtered = filterset.qs
    cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    if params.get("ordering") and "ordering" in cleaned:
        product_list: Sequence[ProductPage] = filtered
    else:
        # Unfiltered, every product shown is kept: no query to say so.
        kept = (
            set(filtered.order_by().values_list("pk", flat=True))
            if filters_active
            else visible_products
        )
        product_list = RankedResults(_in_order(shown_products, kept), products)
    page = SearchPage(
        query=query,
        stores=RankedResults(shown_stores, stores)[:SEARCH_STORES_LIMIT],
        products=product_list,
        promoted_ids=frozenset(promoted) & frozenset(visible_stores | visible_products),
        facets=_facets(filtered, params, cleaned) if shown_products else [],
        filter_form=filterset.form,
        filters_active=filters_active,
        found_store_ids=shown_stores,
        found_product_ids=shown_products,
    )
    if page.is_empty and not filters_active:
        page.closest_query = closest_popular_query(text)
        page.best_sellers = products_best_selling(limit=BEST_SELLERS_LIMIT)
    return page


def shown_stores_of(product_ids: list[int]):
    """The stores of these products (for the store filter's choices)."""
    return ProductPage.objects.filter(pk__in=product_ids).values("store_id")


def _since(days: int):
    return timezone.localdate() - timedelta(days=days)


def closest_popular_query(text: str, *, days: int = REPORT_DAYS) -> str | None:
    """The popular query (one that found something lately) most like `text`:
    "coffe" → "coffee"."""
    if not text:
        return None
    popular = list(
        QueryDailyHits.objects.filter(
            date__gte=_since(days), query__outcome__result_count__gt=0
        )
        .exclude(query__query_string=text)
        .values("query__query_string")
        .annotate(hits=Sum("hits"))
        .order_by("-hits", "query__query_string")
        .values_list("query__query_string", flat=True)[:POPULAR_QUERIES_COMPARED]
    )
    close = difflib.get_close_matches(text, popular, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True)
class QueryStats:
    query_id: int
    query_string: str
    hits: int
    result_count: int | None  # None: never rendered (only counted)


def _hits_since(days: int):
    return (
        QueryDailyHits.objects.filter(date__gte=_since(days))
        .values("query_id", "query__query_string")
        .annotate(total=Sum("hits"))
    )


def top_queries(
    *, days: int = REPORT_DAYS, limit: int = REPORT_LIMIT, zero_results: bool = False
) -> list[QueryStats]:
    """The most searched queries of the last `days` days, with what they found;
    with `zero_results`, only those that found nothing. One query."""
    rows = _hits_since(days).annotate(
        result_count=Subquery(
            QueryOutcome.objects.filter(query=OuterRef("query_id")).values(
                "result_count"
            )[:1]
        )
    )
    if zero_results:
        rows = rows.filter(query__outcome__result_count=0)
    rows = rows.order_by("-total", "query__query_string")[:limit]
    return [
        QueryStats(
            row["query_id"],
            row["query__query_string"],
            row["total"],
            row["result_count"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class VendorQueryStats:
    query_string: str
    hits: int
    product_count: int


def vendor_top_queries(
    *, user, days: int = REPORT_DAYS, limit: int = REPORT_LIMIT
) -> list[VendorQueryStats]:
    """The queries of the last `days` days that found the vendor's products
    (every store's for admins), most searched first. Two queries."""
    matches = QueryStoreMatch.objects.filter(product_count__gt=0)
    if not user.is_admin:
        matches = matches.filter(store__vendor=user)
    rows = list(
        _hits_since(days)
        .filter(query_id__in=matches.values("query_id"))
        .order_by("-total", "query__query_string")[:limit]
    )
    found = dict(
        matches.filter(query_id__in=[row["query_id"] for row in rows])
        .values("query_id")
        .annotate(n=Sum("product_count"))
        .values_list("query_id", "n")
    )
    return [
        VendorQueryStats(
            row["query__query_string"], row["total"], found.get(row["query_id"], 0)
        )
        for row in rows
    ]
