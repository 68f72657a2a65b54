"""Querysets the API's views serialize: the vendors app's selectors with what
the API's output needs attached (product counts, the API's image renditions), so
no serializer runs a query per row."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from api.images import image_prefetch
from vendors.models import ProductPage, StorePage
from vendors.selectors import (
    products_managed_by,
    products_visible,
    stores_managed_by,
    stores_visible,
)


def stores_with_product_count(stores: QuerySet[StorePage]) -> QuerySet[StorePage]:
    live_products = (
        ProductPage.objects.live()
        .filter(store=OuterRef("pk"))
        .order_by()
        .values("store")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return stores.annotate(product_count=Coalesce(Subquery(live_products), 0))


def stores_for_api(stores: QuerySet[StorePage]) -> QuerySet[StorePage]:
    return stores.prefetch_related(None).prefetch_related(image_prefetch("logo"))


def products_for_api(products: QuerySet[ProductPage]) -> QuerySet[ProductPage]:
    # The store is prefetched, not joined: a join makes MariaDB start from the
    # store table and sort every product (see vendors.selectors._products_listed).
    return (
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
    return stores_for_api(stores_with_product_count(stores)).order_by("title", "pk")


def products_reachable(user) -> QuerySet[ProductPage]:
    """Public products, and the drafts of those the user manages (as stores)."""
    products = ProductPage.objects.filter(
        Q(pk__in=products_visible().values("pk"))
        | Q(
            pk__in=products_managed_by(user)
            .filter(first_published_at=None)
            .values("pk")
        )
    )
    return products_for_api(products).order_by("-created_at", "-pk")
