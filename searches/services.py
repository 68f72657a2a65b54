"""Writes about searches: one count per search, and what a rendering found.

Each write is a fixed number of small statements, upserts rather than
read-then-write, so two requests at once never fail on a unique key.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db import connection
from django.db.models import Count, F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from searches.models import QueryOutcome, QueryStoreMatch
from searches.text import query_text
from vendors.models import ProductPage

# A popular query's outcome is written again once this old, or at once when
# its number of results changes: each rendering rewrote it (six statements,
# a fifth of an uncached search's database time at 100,000 products).
OUTCOME_FRESH_FOR = timedelta(minutes=10)

# The catalogue's filters, as the search page takes them too.
FILTER_PARAMS = ("store", "min_price", "max_price", "in_stock", "min_rating", "digital")


def is_refinement(params) -> bool:
    """Paging, filtering or sorting results a buyer already searched for: not a
    new search."""
    return params.get("page") not in (None, "", "1") or any(
        params.get(name) for name in (*FILTER_PARAMS, "ordering")
    )


def _conflict_target(fields: list[str]) -> dict:
    """`unique_fields` for an upsert where the database names a conflict target
    (SQLite, PostgreSQL); MariaDB's ON DUPLICATE KEY takes none and refuses one."""
    if connection.features.supports_update_conflicts_with_target:
        return {"unique_fields": fields}
    return {}


def _query_id(text: str, *, create: bool = True) -> int | None:
    """The id of Wagtail's Query row for `text` (already normalised)."""
    if create:
        Query.objects.bulk_create([Query(query_string=text)], ignore_conflicts=True)
    return Query.objects.filter(query_string=text).values_list("pk", flat=True).first()


def search_counted(*, query: str) -> int | None:
    """Adds one to today's hits of `query` (Wagtail's QueryDailyHits); a query
    without a word is not one. Three statements once the query is known."""
    text = query_text(query)
    if not text:
        return None
    query_id = _query_id(text, create=False) or _query_id(text)
    today = timezone.localdate()
    QueryDailyHits.objects.bulk_create(
        [QueryDailyHits(query_id=query_id, date=today, hits=0)], ignore_conflicts=True
    )
    QueryDailyHits.objects.filter(query_id=query_id, date=today).update(
        hits=F("hits") + 1
    )
    return query_id


def search_outcome_recorded(
    *, query: str, store_ids: Iterable[int], product_ids: Iterable[int]
) -> None:
    """Remembers what the search page found for `query`: the number of stores
    and products, and per store how many of its products (for vendors). One
    statement while the record is fresh (OUTCOME_FRESH_FOR, same number of
    results), six otherwise, however many products were found."""
    text = query_text(query)
    if not text:
        return
    store_ids, product_ids = list(store_ids), list(product_ids)
    result_count = len(store_ids) + len(product_ids)
    if QueryOutcome.objects.filter(
        query__query_string=text,
        result_count=result_count,
        updated_at__gte=timezone.now() - OUTCOME_FRESH_FOR,
    ).exists():
        return
    per_store = dict(
        ProductPage.objects.filter(pk__in=product_ids)
        .order_by()
        .values("store_id")
        .annotate(n=Count("pk"))
        .values_list("store_id", "n")
    )
    query_id = _query_id(text)
    QueryOutcome.objects.bulk_create(
        [
            QueryOutcome(
                query_id=query_id,
                result_count=result_count,
                updated_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        **_conflict_target(["query"]),
        update_fields=["result_count", "updated_at"],
    )
    # Stores no longer found keep a row with no products (an update: a delete
    # would first read the rows, for the project's post_delete receivers).
    QueryStoreMatch.objects.filter(query_id=query_id).exclude(
        store_id__in=list(per_store)
    ).update(product_count=0)
    QueryStoreMatch.objects.bulk_create(
        [
            QueryStoreMatch(query_id=query_id, store_id=store_id, product_count=count)
            for store_id, count in per_store.items()
        ],
        update_conflicts=True,
        **_conflict_target(["query", "store"]),
        update_fields=["product_count"],
    )
