"""Querysets the API's views serialize: the vendors app's selectors with what
the API's output needs attached (the API's image renditions), so no serializer
runs a query per row. A store's product count is a column of its row
(vendors.store_counts)."""

from django.db.models import Q, QuerySet

from alerts.prices import with_lowest_price_30_days
from api.images import image_prefetch
from vendors.models import ProductPage, StorePage
from vendors.selectors import (
    products_managed_by,
    products_visible,
    stores_managed_by,
    stores_visible,
)


def stores_for_api(stores: QuerySet[StorePage]) -> QuerySet[StorePage]:
    return (
        stores.select_related("shipping_rule")
        .prefetch_related(None)
        .prefetch_related(image_prefetch("logo"))
    )


def products_for_api(products: QuerySet[ProductPage]) -> QuerySet[ProductPage]:
    # The store is prefetched, not joined: a join makes MariaDB start from the
    # store table and sort every product (see vendors.selectors._products_listed).
    return with_lowest_price_30_days(
        products.select_related("stock", "rating")
        .prefetch_related(None)
        .prefetch_related("store", image_prefetch("image"))
    )


def stores_reachable(user) -> QuerySet[StorePage]:
    """Public stores, and the drafts of those the user manages.

    A store taken off the site (deleted through the API, unpublished in the
    admin) is gone here, 404, and listed only in the vendor's own list.
    """
    stores = StorePage.objects.filter(
        Q(pk__in=stores_visible().values("pk"))
        | Q(pk__in=stores_managed_by(user).filter(first_published_at=None).values("pk"))
    )
    return stores_for_api(stores).order_by("title", "pk")


def products_reachable(user) -> QuerySet[ProductPage]:
    """Public products, and the drafts of those the user manages (as stores).

    The two are OR-ed in one WHERE on the product's own row, so a lookup by id
    reads that row; as `id IN (every visible product)` SQLite listed them all
    first (3 s a request at 100,000 products).
    """
    products = products_visible() | products_managed_by(user).filter(
        first_published_at=None
    )
    return products_for_api(products).order_by("-created_at", "-pk")
