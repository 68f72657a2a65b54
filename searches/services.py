"""Writes about searches: one count per search, and what a rendering found."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from wagtail.contrib.search_promotions.models import Query

from searches.models import QueryOutcome, QueryStoreMatch
from searches.text import query_text
from vendors.models import ProductPage


def search_counted(*, query: str, page: str | None = None) -> Query | None:
    """Adds one to today's hits of `query` (Wagtail's QueryDailyHits). Later
    pages of the same results are the same search and are not counted; a query
    without a word is not one. Four small queries."""
    if page not in (None, "", "1"):
        return None
    text = query_text(query)
    if not text:
        return None
    record = Query.get(text)
    record.add_hit()
    return record


def search_outcome_recorded(
    *, query: str, store_ids: Iterable[int], product_ids: Iterable[int]
) -> None:
    """Remembers what the search page found for `query`: the number of stores
    and products, and per store how many of its products (for vendors)."""
    text = query_text(query)
    if not text:
        return
    store_ids, product_ids = list(store_ids), list(product_ids)
    per_store = dict(
        ProductPage.objects.filter(pk__in=product_ids)
        .order_by()
        .values("store_id")
        .annotate(n=Count("pk"))
        .values_list("store_id", "n")
    )
    with transaction.atomic():
        record = Query.get(text)
        QueryOutcome.objects.update_or_create(
            query=record,
            defaults={"result_count": len(store_ids) + len(product_ids)},
        )
        QueryStoreMatch.objects.filter(query=record).delete()
        QueryStoreMatch.objects.bulk_create(
            QueryStoreMatch(query=record, store_id=store_id, product_count=count)
            for store_id, count in per_store.items()
        )
