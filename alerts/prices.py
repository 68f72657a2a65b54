"""The price history: every price a product had, and the honest "was" price.

One writer, `price_record`, called after every save of a product row (the
admin's publish, a revision's publish, the API and services all save the row;
alerts.signals calls it), so no door can change a price unrecorded.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, OuterRef, QuerySet, Subquery
from django.utils import timezone

from alerts.models import PriceChange
from vendors.models import ProductPage

WINDOW = timedelta(days=30)


def _lowest_before(*, product_id: int, at: datetime) -> Decimal | None:
    """The lowest price in effect during the 30 days before `at`: the prices set
    in that window and the one already in effect when it began."""
    start = at - WINDOW
    history = PriceChange.objects.filter(product_id=product_id, changed_at__lt=at)
    in_window = list(
        history.filter(changed_at__gte=start).values_list("price", flat=True)
    )
    before = (
        history.filter(changed_at__lt=start)
        .order_by("-changed_at", "-pk")
        .values_list("price", flat=True)
        .first()
    )
    prices = [*in_window, *([before] if before is not None else [])]
    return min(prices) if prices else None


@transaction.atomic
def price_record(*, product: ProductPage) -> PriceChange | None:
    """Record the product's price if it differs from the last one recorded;
    returns the new row, or None when the price is unchanged."""
    last = (
        PriceChange.objects.select_for_update()
        .filter(product_id=product.pk)
        .order_by("-changed_at", "-pk")
        .first()
    )
    price = Decimal(product.price)
    if last is not None and last.price == price:
        return None
    now = timezone.now()
    change = PriceChange(
        product_id=product.pk,
        price=price,
        changed_at=now,
        lowest_price_30_days=_lowest_before(product_id=product.pk, at=now),
    )
    change.save()
    if last is not None and price < last.price:
        from alerts.services import alerts_check_on_commit

        alerts_check_on_commit(product_ids=[product.pk])
    return change


def price_history_of(*, product: ProductPage) -> QuerySet[PriceChange]:
    return PriceChange.objects.filter(product=product).order_by("-changed_at", "-pk")


def current_price_change(*, product_id: int) -> PriceChange | None:
    return (
        PriceChange.objects.filter(product_id=product_id)
        .order_by("-changed_at", "-pk")
        .first()
    )


def lowest_price_30_days(*, product: ProductPage) -> Decimal | None:
    """The lowest price of the 30 days before today's price was set; None when
    the price has not changed in the last 30 days (or never changed)."""
    latest = current_price_change(product_id=product.pk)
    if latest is None or latest.changed_at < timezone.now() - WINDOW:
        return None
    return latest.lowest_price_30_days


def with_lowest_price_30_days(products: QuerySet) -> QuerySet:
    """`products` annotated with `lowest_price_30_days` (one subquery, no query
    per row), as `lowest_price_30_days` computes it."""
    latest = PriceChange.objects.filter(
        product_id=OuterRef("pk"), changed_at__gte=timezone.now() - WINDOW
    ).order_by("-changed_at", "-pk")
    return products.annotate(
        lowest_price_30_days=Subquery(
            latest.values("lowest_price_30_days")[:1],
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )


def was_price(*, product: ProductPage) -> Decimal | None:
    """The "was" price a product page may show: the 30-day lowest, only when
    today's price is below it (otherwise there is no reduction to announce)."""
    if "lowest_price_30_days" in product.__dict__:
        # Loaded with the product (with_lowest_price_30_days); None is an answer.
        lowest = product.lowest_price_30_days
    else:
        lowest = lowest_price_30_days(product=product)
    if lowest is not None and lowest > product.price:
        return lowest
    return None
