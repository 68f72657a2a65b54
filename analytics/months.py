"""ProductMonth rows: the sums of a month's ProductDay rows, recomputed (never
added to) whenever those change; and top products over any range from the
whole months inside it plus the days at its edges."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q, Sum

from analytics.models import ProductDay, ProductMonth

SUMMED = ("revenue", "units", "orders", "views")


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def product_months_recompute(
    *, month: date, product_ids: Iterable[int] | None = None
) -> None:
    """Recompute the month's rows of these products (all when None)."""
    scope = Q() if product_ids is None else Q(product_id__in=list(product_ids))
    sums = {
        row["product_id"]: row
        for row in ProductDay.objects.filter(
            scope, day__gte=month, day__lt=next_month(month)
        )
        .values("product_id")
        .annotate(**{name: Sum(name) for name in SUMMED})
    }
    stores = dict(
        ProductDay.objects.filter(scope, day__gte=month, day__lt=next_month(month))
        .values_list("product_id", "store_id")
        .distinct()
    )
    with transaction.atomic():
        ProductMonth.objects.filter(scope, month=month).delete()
        ProductMonth.objects.bulk_create(
            ProductMonth(
                month=month,
                product_id=pid,
                store_id=stores.get(pid),
                **{name: row[name] or 0 for name in SUMMED},
            )
            for pid, row in sums.items()
        )


def top_products(*, first: date, last: date, store_ids=None, limit: int) -> list[dict]:
    """The best sellers of [first, last] by revenue: whole months from
    ProductMonth, the partial months at the edges from ProductDay; three
    queries whatever the range."""
    whole_first = first if first.day == 1 else next_month(first)
    whole_end = (
        next_month(last)
        if next_month(last) - timedelta(days=1) == last
        else month_of(last)
    )
    if whole_first >= whole_end:
        # No whole month: the range is one edge, the other edge is empty.
        whole_first = whole_end = next_month(last)
        edges = [(first, last), (last + timedelta(days=1), last)]
    else:
        edges = [(first, whole_first - timedelta(days=1)), (whole_end, last)]
    scope = Q() if store_ids is None else Q(store_id__in=store_ids)
    parts = [
        ProductMonth.objects.filter(scope, month__gte=whole_first, month__lt=whole_end),
        *(
            ProductDay.objects.filter(scope, day__gte=edge_first, day__lte=edge_last)
            for edge_first, edge_last in edges
        ),
    ]
    totals: dict[int, dict] = {}
    for rows in parts:
        grouped = rows.values("product_id").annotate(
            **{name: Sum(name) for name in SUMMED}
        )
        for row in grouped.order_by():
            entry = totals.setdefault(
                row["product_id"],
                {"product_id": row["product_id"], **dict.fromkeys(SUMMED, 0)},
            )
            for name in SUMMED:
                entry[name] += row[name] or 0
    ranked = sorted(
        totals.values(),
        key=lambda row: (-row["revenue"], -row["units"], row["product_id"]),
    )
    return ranked[:limit]
