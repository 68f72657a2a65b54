"""What a change touches: one generation token per thing a cached answer shows.

A cached page or API answer records the tokens of everything it shows when it is
rendered; it is served only while they are all unchanged. A change replaces the
tokens it touches, so every answer that showed it is stale at once, without scanning
keys. A token missing from the cache (evicted, or the cache cleared) counts as
changed.

    site                  settings, home page, menus, images: every page
    catalog               listings (home, /stores/, catalogue, search, API lists)
    store:<id>            a store's page, and its products' pages (store name,
                          "more from this store")
    product:<id>          one product's page, API detail and reviews
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from pagecache import pushed

SITE = "site"
CATALOG = "catalog"
_PREFIX = "gen:"


def store_key(store_id: int) -> str:
    return f"store:{store_id}"


def product_key(product_id: int) -> str:
    return f"product:{product_id}"


def generations_of(keys: Iterable[str]) -> dict[str, str]:
    """The current token of each key, made for keys that have none yet."""
    keys = list(dict.fromkeys(keys))
    found = cache.get_many([_PREFIX + key for key in keys])
    missing = [key for key in keys if _PREFIX + key not in found]
    if missing:
        for key in missing:
            cache.add(_PREFIX + key, uuid.uuid4().hex, timeout=None)
        # Another process may have added its own token first: read back the winner.
        found |= cache.get_many([_PREFIX + key for key in missing])
    return {key: found.get(_PREFIX + key, "") for key in keys}


def _tokens_read(keys: list[str]) -> dict[str, str]:
    found = cache.get_many([_PREFIX + key for key in keys])
    return {key: found[_PREFIX + key] for key in keys if _PREFIX + key in found}


def generations_unchanged(recorded: dict[str, str]) -> bool:
    if pushed.enabled():
        # With Redis: the tokens this process was told of (pagecache.pushed).
        answer = pushed.pushed.unchanged(recorded, _tokens_read)
        if answer is not None:
            return answer
    current = _tokens_read(list(recorded))
    return all(current.get(key) == token for key, token in recorded.items())


def _bump(keys: Iterable[str]) -> None:
    keys = set(keys)
    if not keys:
        return

    def replace_tokens():
        token = uuid.uuid4().hex
        cache.set_many({_PREFIX + key: token for key in keys}, timeout=None)
        # Then every process is told (written first: Redis keeps the order).
        pushed.publish(dict.fromkeys(keys, token))

    replace_tokens()
    # Again once the change is committed: a request that rendered between the first
    # bump and the commit read the old rows under the new tokens.
    transaction.on_commit(replace_tokens)


def site_changed() -> None:
    """Something every page shows changed (settings, the home page, an image)."""
    _bump([SITE])


def stores_changed(*, store_ids: Iterable[int]) -> None:
    """A store was published, unpublished, (de)activated, moved or deleted."""
    _bump([CATALOG, *(store_key(pk) for pk in store_ids)])


def products_changed(
    *, product_ids: Iterable[int], store_ids: Iterable[int] | None = None
) -> None:
    """Products changed as listings show them: published, unpublished, moved,
    deleted, or their price, stock or rating. Their stores are looked up unless
    given."""
    product_ids = list(product_ids)
    if not product_ids:
        return
    if store_ids is None:
        from vendors.models import ProductPage

        store_ids = ProductPage.objects.filter(pk__in=product_ids).values_list(
            "store_id", flat=True
        )
    _bump(
        [
            CATALOG,
            *(store_key(pk) for pk in store_ids),
            *(product_key(pk) for pk in product_ids),
        ]
    )


def product_reviews_changed(*, product_id: int) -> None:
    """A review's text, reply or badge changed, which only the product shows."""
    _bump([product_key(product_id)])
