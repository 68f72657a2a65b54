"""Each store's count of live products, kept on its row (StorePage.product_count).

The stores list shows the count on every card; counting them there read every
product of every store on the page, a cost that grew with the catalog. The
count is taken again, for the stores concerned, whenever a product is saved live
or not, moved, published or deleted (vendors.signals) and by the catalog
generator. A recount rather than +1/-1: it cannot drift. It runs as one UPDATE whose
subquery reads the committed rows and this transaction's own, after locking the
store rows so that two changes in one store count one after the other.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from vendors.models import ProductPage, StorePage


def store_product_counts_refresh(*, store_ids: Iterable[int | None]) -> None:
    ids = {pk for pk in store_ids if pk is not None}
    if not ids:
        return
    live_products = (
        ProductPage.objects.filter(store=OuterRef("pk"), live=True)
        .order_by()
        .values("store")
        .annotate(count=Count("pk"))
        .values("count")
    )
    with transaction.atomic(savepoint=False):
        # The store rows first (in id order): a concurrent change in the same
        # store waits here until this transaction commits, and its UPDATE, a
        # new statement, then counts what this one committed (MariaDB reads
        # committed rows afresh for each statement).
        list(
            StorePage.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        StorePage.objects.filter(pk__in=ids).update(
            product_count=Coalesce(Subquery(live_products), 0)
        )
