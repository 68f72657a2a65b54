"""Catalogue search that costs the same at 100,000 products as at 10,000.

Wagtail's database backends score every match with a correlated subquery
(MariaDB: 1.1 s of a 1.3 s search at 10,000 products). With those backends we
rank ourselves: on SQLite from Wagtail's full-text table, on MariaDB from a
table of its words (migration vendors.0009) whose key is the ranking, so a
search reads about as many rows as it returns. Any other backend
(Elasticsearch, OpenSearch, PostgreSQL) is asked through Wagtail as before:
WAGTAILSEARCH_BACKENDS stays the switch for larger shops.
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
# The words of each index entry on MariaDB, made and kept by triggers on
# Wagtail's index table (migration vendors.0009): words of 3 to 84 characters,
# as InnoDB's full-text index kept them.
MYSQL_SEARCH_WORDS = "vendors_search_word"
MYSQL_WORD_LENGTH = range(3, 85)
# Words in most entries, which narrow nothing: left out of a search, as InnoDB
# left its default stop words out.
MYSQL_STOP_WORDS = frozenset(
    "a about an are as at be by com de en for from how i in is it la of on or "
    "that the this to was what when where who will with und www".split()
)


def search_words(query: str) -> list[str]:
    """The words of `query`: punctuation means nothing to the search backends,
    and some of it (a lone double quote, a NUL) breaks their query syntax."""
    return SEARCH_WORD.findall(query.lower())[:MAX_WORDS]


def ranked_ids(model: type[Model], words: list[str], *, limit: int) -> list | None:
    """Ids of `model` rows matching every word, best first, at most `limit`;
    None when the search backend is not one of the database's own."""
    backend = type(get_search_backend())
    content_type_id = ContentType.objects.get_for_model(model).pk
    # The backends' modules load models: imported here, once apps are ready.
    if backend.__module__ == "modelsearch.backends.database.mysql.mysql":
        return _mysql_ranked_ids(content_type_id, words, limit)
    if backend.__module__ == "modelsearch.backends.database.sqlite.sqlite":
        return _sqlite_ranked_ids(content_type_id, words, limit)
    return None


def _index_table() -> str:
    # Wagtail's search app owns the model (modelsearch.conf names it).
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def _mysql_ranked_ids(content_type_id: int, words: list[str], limit: int) -> list:
    """Entries with every word in the title first, then those where the words
    occur most, then the newest. For one word that is the table's key order:
    the first `limit` rows of one index range, however many entries hold it.
    Each further word is a lookup of the same entry in the unique key."""
    words = list(dict.fromkeys(word for word in words if word not in MYSQL_STOP_WORDS))
    words = [word for word in words if len(word) >= MYSQL_WORD_LENGTH.start]
    if not words or any(len(word) not in MYSQL_WORD_LENGTH for word in words):
        return []
    joins = " ".join(
        f"JOIN {MYSQL_SEARCH_WORDS} w{n} ON w{n}.content_type_id = w0.content_type_id "
        f"AND w{n}.word = %s AND w{n}.object_id = w0.object_id"
        for n in range(1, len(words))
    )
    in_title = " AND ".join(f"w{n}.in_title" for n in range(len(words)))
    hits = " + ".join(f"w{n}.hits" for n in range(len(words)))
    sql = (
        f"SELECT w0.object_id FROM {MYSQL_SEARCH_WORDS} w0 {joins} "  # noqa: S608 - constants
        "WHERE w0.content_type_id = %s AND w0.word = %s "
        f"ORDER BY ({in_title}) DESC, ({hits}) DESC, w0.object_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*words[1:], content_type_id, words[0], limit])
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
