"""Catalogue search that costs the same at 100,000 products as at 1,000.

Wagtail's database backends score every match with a correlated subquery
(MariaDB: 1.1 s of a 1.3 s search at 10,000 products). With those backends we
read the same index table ourselves: one full-text query that ranks inside the
engine and stops at `limit` ids. Any other backend (Elasticsearch, OpenSearch,
PostgreSQL) is asked through Wagtail as before: WAGTAILSEARCH_BACKENDS stays
the switch for larger shops.
"""

import re
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from wagtail.search.backends import get_search_backend

SEARCH_WORD = re.compile(r"\w+")
MAX_WORDS = 10
# InnoDB's full-text index leaves out words shorter than this, and its default
# stop words; asked for as required words they would match nothing.
MYSQL_MIN_WORD = 3
MYSQL_STOP_WORDS = frozenset(
    "a about an are as at be by com de en for from how i in is it la of on or "
    "that the this to was what when where who will with und www".split()
)


# Made and kept by triggers on Wagtail's index table (migration vendors.0008).
MYSQL_SEARCH_TEXT = "vendors_search_text"


def search_words(query: str) -> list[str]:
    """The words of `query`: punctuation means nothing to the search backends,
    and some of it (a lone double quote, a NUL) breaks their query syntax."""
    return SEARCH_WORD.findall(query.lower())[:MAX_WORDS]


def ranked_ids(model: type[Model], words: list[str], *, limit: int) -> list | None:
    """Ids of `model` rows matching every word, best first, at most `limit`;
    None when the search backend is not one of the database's own.

    A model that says it has few index entries (`search_few_entries`: stores,
    against products) has them read through its content type on MariaDB and
    each scored, rather than read from every entry the words match (a word in
    5,000 product titles cost a store search 20 ms at 100,000 products; now 4-6)."""
    few_rows = getattr(model, "search_few_entries", False)
    backend = type(get_search_backend())
    content_type_id = ContentType.objects.get_for_model(model).pk
    # The backends' modules load models: imported here, once apps are ready.
    if backend.__module__ == "modelsearch.backends.database.mysql.mysql":
        return _mysql_ranked_ids(content_type_id, words, limit, few_rows=few_rows)
    if backend.__module__ == "modelsearch.backends.database.sqlite.sqlite":
        return _sqlite_ranked_ids(content_type_id, words, limit)
    return None


def _index_table() -> str:
    # Wagtail's search app owns the model (modelsearch.conf names it).
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def _mysql_ranked_ids(
    content_type_id: int, words: list[str], limit: int, *, few_rows: bool
) -> list:
    words = [
        word
        for word in words
        if len(word) >= MYSQL_MIN_WORD and word not in MYSQL_STOP_WORDS
    ]
    if not words:
        return []
    terms = " ".join(f"+{word}" for word in words)
    # Entries with every word in the title first, then the full-text rank.
    # One MATCH: each MATCH is a search of its own full-text index (a second
    # one, on the title, cost 5 ms a query at 100,000 products), while the
    # title test reads only the rows the match found. `_` is a word character
    # and a LIKE wildcard.
    title_has_all = " AND ".join("title LIKE %s" for _ in words)
    title_params = ["%" + word.replace("_", "\\_") + "%" for word in words]
    score = "MATCH (title, body) AGAINST (%s IN BOOLEAN MODE)"
    if few_rows:
        # MATCH kept out of WHERE, so the content type's index drives the
        # query. A word in every entry of the index scores 0 and is missed,
        # which only a near-empty index can see.
        table = connection.ops.quote_name(_index_table())
        sql = (
            f"SELECT object_id, {score} AS score, ({title_has_all}) AS in_title "  # noqa: S608
            f"FROM {table} WHERE content_type_id = %s HAVING score > 0 "
            "ORDER BY in_title DESC, score DESC, object_id DESC LIMIT %s"
        )
        params = [terms, *title_params, content_type_id, limit]
    else:
        # The narrow copy of Wagtail's index, which InnoDB reads a match of
        # with one lookup instead of two (migration vendors.0008).
        sql = (
            f"SELECT object_id FROM {MYSQL_SEARCH_TEXT} "  # noqa: S608 - a constant
            f"WHERE content_type_id = %s AND {score} "
            f"ORDER BY ({title_has_all}) DESC, {score} DESC, object_id DESC "
            "LIMIT %s"
        )
        params = [content_type_id, terms, *title_params, terms, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _sqlite_ranked_ids(content_type_id: int, words: list[str], limit: int) -> list:
    if not words:
        return []
    table = connection.ops.quote_name(_index_table())
    fts = connection.ops.quote_name(f"{_index_table()}_fts")
    # Quoted words, all required; bm25's weights follow the FTS table's columns
    # (autocomplete, body, title): a match in the title counts twice.
    terms = " ".join(f'"{word}"' for word in words)
    sql = (
        f"SELECT entry.object_id FROM {fts} "  # noqa: S608 - only quoted names
        f"JOIN {table} entry ON entry.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND entry.content_type_id = %s "
        f"ORDER BY bm25({fts}, 1.0, 1.0, 2.0), entry.object_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms, content_type_id, limit])
        return [int(row[0]) for row in cursor.fetchall()]


def in_rank_order(queryset: QuerySet, ids: list) -> QuerySet:
    """`queryset` ordered as `ids` are (ids not in it last). One CASE written
    here: Django's Case(When(pk=...)) for 240 ids cost 10 ms of CPU a request
    to build and compile."""
    if not ids:
        return queryset
    meta, quote = queryset.model._meta, connection.ops.quote_name
    column = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    whens = " ".join(f"WHEN %s THEN {rank}" for rank in range(len(ids)))
    return queryset.order_by(
        RawSQL(f"CASE {column} {whens} ELSE {len(ids)} END", [int(pk) for pk in ids])  # noqa: S611 - names quoted, ids bound
    )


class RankedResults(Sequence):
    """The rows of `queryset` whose ids are in `ids`, in that order, fetched a
    slice at a time, so a paginator loads only the page it shows."""

    def __init__(self, ids: list, queryset: QuerySet):
        self.ids = ids
        self.queryset = queryset

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            ids = self.ids[index]
            found = self.queryset.in_bulk(ids)
            return [found[pk] for pk in ids if pk in found]
        return self[index : index + 1][0]
