"""Writing the rollups: recompute a day's rows from the orders, add the
counted views and add-to-carts."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum

from accounts.models import User
from analytics.counters import CARTS, SESSIONS, VIEWS, counter_key
from analytics.models import MarketDay, ProductDay, StoreDay
from analytics.months import month_of, product_months_recompute
from analytics.periods import day_of, day_window, days, today
from shop.models import Order, OrderLine
from shop.models.orders import SOLD_STATUSES
from vendors.models import ProductPage, StorePage

ZERO = Decimal("0.00")
SALES = ("revenue", "refunds", "commission", "orders", "units")
MONEY_SALES = ("revenue", "refunds", "commission")
SOLD = Q(part__status__in=SOLD_STATUSES)
FLUSH_CHUNK = 1000


def _paid_lines(day: date):
    """The lines of the orders paid on `day`. Orders are paid soon after they
    are placed (unpaid ones expire), so the placed-at index narrows the scan."""
    start, end = day_window(day)
    margin = timedelta(days=1, minutes=settings.PAYMENT_TIMEOUT_MINUTES)
    return OrderLine.objects.filter(
        order__created_at__gte=start - margin,
        order__created_at__lt=end,
        order__paid_at__gte=start,
        order__paid_at__lt=end,
    )


def _sales(lines, *keys: str) -> dict:
    rows = lines.values(*keys).annotate(
        revenue=Sum("line_total", filter=SOLD),
        refunds=Sum("line_total", filter=~SOLD),
        commission=Sum("commission", filter=SOLD),
        units=Sum("quantity", filter=SOLD),
        orders=Count("part", filter=SOLD, distinct=True),
    )
    return {
        tuple(row[key] for key in keys): {
            "revenue": row["revenue"] or ZERO,
            "refunds": row["refunds"] or ZERO,
            "commission": row["commission"] or ZERO,
            "units": row["units"] or 0,
            "orders": row["orders"] or 0,
        }
        for row in rows
    }


def _upsert(model, *, day: date, scope: Q, computed: dict, extra: dict) -> None:
    """Rows of `model` on `day` within `scope` take the `computed` sales
    (keyed by the row's key field id); rows no longer sold are zeroed.
    Views and add-to-carts are left as they are."""
    key_field = "product_id" if model is ProductDay else "store_id"
    existing = {
        getattr(row, key_field): row
        for row in model.objects.select_for_update().filter(scope, day=day)
    }
    zero = dict.fromkeys(SALES, 0)
    changed, new = [], []
    for key in set(existing) | set(computed):
        values = {**zero, **computed.get(key, {}), **extra.get(key, {})}
        row = existing.get(key)
        if row is None:
            if key in computed:
                new.append(model(day=day, **{key_field: key}, **values))
            continue
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, [*SALES, *extra_fields(model)])
    if new:
        model.objects.bulk_create(new)


def extra_fields(model) -> list[str]:
    if model is ProductDay:
        return ["store_id", "vendor_id", "product_name"]
    return ["vendor_id"]


def _retrying(write) -> None:
    # Two recomputes of the same new row race to insert it: the loser retries,
    # now finding the row.
    for attempt in range(3):
        try:
            with transaction.atomic():
                write()
            return
        except IntegrityError:
            if attempt == 2:
                raise


def rollup_stores_recompute(
    *, day: date, store_ids: Iterable[int] | None = None, months: bool = True
) -> None:
    """Recompute the sales of the stores' (every store's when None) and their
    products' rows for `day` from the orders."""
    lines = _paid_lines(day).exclude(part__store__isnull=True)
    store_scope = Q()
    if store_ids is not None:
        store_ids = list(store_ids)
        lines = lines.filter(part__store_id__in=store_ids)
        store_scope = Q(store_id__in=store_ids)
    by_store = {key[0]: value for key, value in _sales(lines, "part__store_id").items()}
    by_product = {
        key[1]: {**value, "store_id": key[0]}
        for key, value in _sales(
            lines.exclude(product__isnull=True), "part__store_id", "product_id"
        ).items()
    }
    vendor_of = dict(
        StorePage.objects.filter(pk__in=set(by_store)).values_list("pk", "vendor_id")
    )
    names = dict(
        ProductPage.objects.filter(pk__in=set(by_product)).values_list("pk", "title")
    )
    store_extra = {sid: {"vendor_id": vendor_of.get(sid)} for sid in by_store}
    product_extra = {
        pid: {
            "store_id": value.pop("store_id"),
            "product_name": names.get(pid, "")[:255],
        }
        for pid, value in by_product.items()
    }
    for extra in product_extra.values():
        extra["vendor_id"] = vendor_of.get(extra["store_id"])

    def write():
        _upsert(
            StoreDay, day=day, scope=store_scope, computed=by_store, extra=store_extra
        )
        _upsert(
            ProductDay,
            day=day,
            scope=store_scope,
            computed=by_product,
            extra=product_extra,
        )
        if months:
            product_months_recompute(
                month=month_of(day),
                product_ids=ProductDay.objects.filter(store_scope, day=day).values_list(
                    "product_id", flat=True
                ),
            )

    _retrying(write)


def _market_counts(day: date) -> dict:
    from wagtail.models import WorkflowState

    from announcements.models import Announcement
    from notifications.models import Notification
    from reviews.selectors import reviews_reported

    start, end = day_window(day)
    window = {"created_at__gte": start, "created_at__lt": end}
    joined = User.objects.filter(date_joined__gte=start, date_joined__lt=end)
    return {
        "new_buyers": joined.filter(role=User.Role.BUYER).count(),
        "new_vendors": joined.filter(role=User.Role.VENDOR).count(),
        "pending_reviews": reviews_reported().filter(**window).count(),
        "pending_approvals": WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            created_at__gte=start,
            created_at__lt=end,
        ).count(),
        "failed_emails": Notification.objects.filter(
            email_status=Notification.EmailStatus.FAILED, **window
        ).count(),
        "failed_announcements": Announcement.objects.filter(
            status=Announcement.Status.FAILED, **window
        ).count(),
    }


def rollup_market_recompute(*, day: date) -> MarketDay:
    """Recompute the marketplace's row for `day` (its orders count each
    order once however many stores it spans)."""
    lines = _paid_lines(day)
    totals = lines.aggregate(
        revenue=Sum("line_total", filter=SOLD),
        refunds=Sum("line_total", filter=~SOLD),
        commission=Sum("commission", filter=SOLD),
        units=Sum("quantity", filter=SOLD),
        orders=Count("order", filter=SOLD, distinct=True),
    )
    values = {
        name: value if value is not None else (ZERO if name in MONEY_SALES else 0)
        for name, value in totals.items()
    }
    values.update(_market_counts(day))
    row = None

    def write():
        nonlocal row
        row, _ = MarketDay.objects.select_for_update().update_or_create(
            day=day, defaults=values
        )

    _retrying(write)
    return row


def rollup_order_changed(*, order_id: int) -> None:
    """An order was paid, cancelled or refunded (in whole or part): recompute
    the rows of its stores, its products and the marketplace on its paid day."""
    order = Order.objects.filter(pk=order_id).only("paid_at").first()
    if order is None or order.paid_at is None:
        return
    day = day_of(order.paid_at)
    store_ids = [
        sid for sid in order.parts.values_list("store_id", flat=True) if sid is not None
    ]
    rollup_stores_recompute(day=day, store_ids=store_ids)
    rollup_market_recompute(day=day)


def rollup_rebuild(*, first: date, last: date) -> int:
    """Recompute every row of the days from `first` to `last`; returns how many days."""
    span = days(first, last)
    for day in span:
        rollup_stores_recompute(day=day, months=False)
        rollup_market_recompute(day=day)
    for month in sorted({month_of(day) for day in span}):
        product_months_recompute(month=month)
    return len(span)


def _take(keys: list[str]) -> dict[str, int]:
    """Read and subtract the counters: counts arriving meanwhile stay for the
    next flush. A crash between the two loses counts rather than doubling them."""
    taken = {}
    for start in range(0, len(keys), FLUSH_CHUNK):
        found = cache.get_many(keys[start : start + FLUSH_CHUNK])
        for key, value in found.items():
            if value:
                try:
                    cache.decr(key, value)
                except ValueError:
                    continue
                taken[key] = value
    return taken


def counters_flush(*, flush_days: Iterable[date] | None = None) -> int:
    """Add the views, add-to-carts and viewing sessions counted in the cache
    (today's and yesterday's by default) to the rollups; returns the count."""
    flush_days = list(flush_days or [today() - timedelta(days=1), today()])
    products = list(ProductPage.objects.values_list("pk", "store_id", "title"))
    vendor_of = dict(StorePage.objects.values_list("pk", "vendor_id"))
    added = 0
    for day in flush_days:
        keys = {
            counter_key(kind, day, pid): (kind, pid, store_id, title)
            for pid, store_id, title in products
            for kind in (VIEWS, CARTS)
        }
        taken = _take([*keys, counter_key(SESSIONS, day)])
        sessions = taken.pop(counter_key(SESSIONS, day), 0)
        added += _counters_add(day, taken, keys, vendor_of, sessions)
    return added


def _counters_add(day, taken, keys, vendor_of, sessions) -> int:
    per_product: dict[int, dict] = {}
    for key, count in taken.items():
        kind, pid, store_id, title = keys[key]
        entry = per_product.setdefault(
            pid, {"store_id": store_id, "title": title, VIEWS: 0, CARTS: 0}
        )
        entry[kind] += count
    per_store: dict[int, dict] = {}
    for entry in per_product.values():
        store = per_store.setdefault(entry["store_id"], {VIEWS: 0, CARTS: 0})
        store[VIEWS] += entry[VIEWS]
        store[CARTS] += entry[CARTS]
    total = {
        kind: sum(e[kind] for e in per_product.values()) for kind in (VIEWS, CARTS)
    }
    with transaction.atomic():
        for pid, entry in per_product.items():
            _add(
                ProductDay,
                {"product_id": pid, "day": day},
                {
                    "store_id": entry["store_id"],
                    "vendor_id": vendor_of.get(entry["store_id"]),
                    "product_name": entry["title"][:255],
                },
                entry,
            )
        for store_id, entry in per_store.items():
            _add(
                StoreDay,
                {"store_id": store_id, "day": day},
                {"vendor_id": vendor_of.get(store_id)},
                entry,
            )
        if total[VIEWS] or total[CARTS] or sessions:
            _add(MarketDay, {"day": day}, {}, {**total, "sessions": sessions})
        if per_product:
            product_months_recompute(month=month_of(day), product_ids=list(per_product))
    return total[VIEWS] + total[CARTS] + sessions


def _add(model, key: dict, defaults: dict, counts: dict) -> None:
    row, _ = model.objects.get_or_create(**key, defaults=defaults)
    updates = {
        "views": F("views") + counts.get(VIEWS, 0),
        "add_to_carts": F("add_to_carts") + counts.get(CARTS, 0),
    }
    if "sessions" in counts:
        updates["sessions"] = F("sessions") + counts["sessions"]
    model.objects.filter(pk=row.pk).update(**updates)
