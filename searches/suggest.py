"""Suggestions as a buyer types: products and stores whose name has a word
starting with each word typed ("co mu" finds "Coffee Mug").

On the database backends (SQLite FTS5, MariaDB/MySQL InnoDB FULLTEXT) this reads
Wagtail's search index table with one prefix query on the title column, which
the engine answers from its full-text index: Wagtail's own `autocomplete()` on
these backends scores every candidate with a correlated subquery, a cost that
grows with the catalogue. Any other backend (OpenSearch, Elasticsearch,
PostgreSQL) is asked through Wagtail's `autocomplete()`. Either way the
candidates then pass the storefront's visibility rules (vendors.selectors).
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from pagecache.generations import CATALOG, SITE, generations_of
from vendors import selectors
from vendors.models import ProductPage, StorePage
from vendors.renditions import rendition_of
from vendors.search import search_words

SUGGEST_MIN_LENGTH = 2
SUGGEST_LIMIT = 5
# Index entries exist for drafts and closed stores too: read this many
# candidates, then keep the visible ones (more only if too few were).
CANDIDATES = (40, 400)
THUMBNAIL = "fill-160x120"
# Long enough for a burst of typists to share one search per prefix; a change
# to the catalogue replaces the generation tokens in the key at once.
SUGGEST_CACHE_SECONDS = 300


@dataclass(frozen=True)
class ProductSuggestion:
    id: int
    name: str
    url: str
    price: Decimal
    thumbnail: str | None


@dataclass(frozen=True)
class StoreSuggestion:
    id: int
    name: str
    url: str


@dataclass(frozen=True)
class Suggestions:
    query: str
    products: list[ProductSuggestion]
    stores: list[StoreSuggestion]


def prefix_words(query: str) -> list[str]:
    """The words to match, or none when the query is shorter than
    SUGGEST_MIN_LENGTH letters."""
    if len(query.strip()) < SUGGEST_MIN_LENGTH:
        return []
    return search_words(query)


def _index_table() -> str:
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def _backend_kind() -> str:
    module = type(get_search_backend()).__module__
    if module == "modelsearch.backends.database.mysql.mysql":
        return "mysql"
    if module == "modelsearch.backends.database.sqlite.sqlite":
        return "sqlite"
    return "other"


def _mysql_prefix_ids(content_type_id: int, words: list[str], limit: int) -> list:
    table = connection.ops.quote_name(_index_table())
    # Every word required, as a prefix; InnoDB expands "co*" inside the index
    # (a prefix may be shorter than innodb_ft_min_token_size).
    terms = " ".join(f"+{word}*" for word in words)
    # No ORDER BY: scoring and sorting every match of a short prefix costs
    # several times the match itself; the candidates are ranked in Python.
    sql = (
        f"SELECT object_id FROM {table} "  # noqa: S608 - only the quoted table name
        "WHERE content_type_id = %s AND MATCH (title) AGAINST (%s IN BOOLEAN MODE) "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type_id, terms, limit])
        return [int(row[0]) for row in cursor.fetchall()]


def _sqlite_prefix_ids(content_type_id: int, words: list[str], limit: int) -> list:
    table = connection.ops.quote_name(_index_table())
    fts = connection.ops.quote_name(f"{_index_table()}_fts")
    # In the title column only, each quoted word a prefix, all required.
    terms = "title : (" + " AND ".join(f'"{word}"*' for word in words) + ")"
    sql = (
        f"SELECT entry.object_id FROM {fts} "  # noqa: S608 - only quoted names
        f"JOIN {table} entry ON entry.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND entry.content_type_id = %s LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms, content_type_id, limit])
        return [int(row[0]) for row in cursor.fetchall()]


def _candidate_ids(model: type[Model], words: list[str], limit: int) -> list[int]:
    kind = _backend_kind()
    if kind == "other":
        found = model.objects.live().autocomplete(" ".join(words))[:limit]
        return [page.pk for page in found]
    content_type_id = ContentType.objects.get_for_model(model).pk
    if kind == "mysql":
        return _mysql_prefix_ids(content_type_id, words, limit)
    return _sqlite_prefix_ids(content_type_id, words, limit)


def _visible(model, words: list[str], visible, limit: int) -> list:
    """Up to `limit` visible rows matching `words`, best first: the candidates'
    ids, then one query that keeps the visible ones and loads them."""
    for candidates in CANDIDATES:
        ids = _candidate_ids(model, words, candidates)
        found = visible.filter(pk__in=ids).in_bulk()
        if len(found) >= limit or len(ids) < candidates:
            break
    return sorted(found.values(), key=lambda page: _rank(page, words))[:limit]


def _rank(page, words: list[str]) -> tuple:
    """Names where an earlier word matches come first ("Stoneware mug" before
    "Speckled stoneware mug" for "sto"), then shorter names."""
    title = page.title.lower()
    positions = [
        index
        for index, word in enumerate(search_words(title))
        if any(word.startswith(typed) for typed in words)
    ]
    return (min(positions, default=len(title)), len(title), page.pk)


def _thumbnail(product: ProductPage) -> str | None:
    if product.image is None:
        return None
    return rendition_of(product.image, THUMBNAIL).url


def suggestions(*, query: str, limit: int = SUGGEST_LIMIT) -> Suggestions:
    """Up to `limit` visible products and stores for what the buyer typed (URLs
    relative to the site); a query under two letters suggests nothing. Cached
    per query's words until the catalogue changes (pagecache generations) or
    SUGGEST_CACHE_SECONDS pass."""
    words = prefix_words(query)
    if not words:
        return Suggestions(query=query, products=[], stores=[])
    tokens = generations_of([SITE, CATALOG])
    digest = hashlib.sha256(
        "|".join([" ".join(words), str(limit), *tokens.values()]).encode()
    ).hexdigest()
    key = f"suggest:{digest}"
    found = cache.get(key)
    if found is None:
        found = _suggestions(words, limit)
        cache.set(key, found, timeout=SUGGEST_CACHE_SECONDS)
    return Suggestions(query=query, products=found.products, stores=found.stores)


def _suggestions(words: list[str], limit: int) -> Suggestions:
    """Six queries (plus a rendition the first time a picture is suggested)."""
    products = _visible(
        ProductPage,
        words,
        selectors.products_visible().prefetch_related(
            selectors.renditions.image_prefetch("image", [THUMBNAIL])
        ),
        limit,
    )
    stores = _visible(StorePage, words, selectors.stores_visible(), limit)
    # Every URL from one look-up of the sites' root paths (Wagtail keeps them
    # on the page when no request is given).
    root_paths = Site.get_site_root_paths()
    for page in (*products, *stores):
        page._wagtail_cached_site_root_paths = root_paths
    return Suggestions(
        query=" ".join(words),
        products=[
            ProductSuggestion(
                id=product.pk,
                name=product.title,
                url=product.get_url(),
                price=product.price,
                thumbnail=_thumbnail(product),
            )
            for product in products
        ],
        stores=[
            StoreSuggestion(id=store.pk, name=store.title, url=store.get_url())
            for store in stores
        ],
    )
