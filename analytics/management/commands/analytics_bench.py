"""`manage.py analytics_bench`: a year of orders in bulk, the rollups rebuilt
from them, and the time the dashboard and 365-day reports take to answer.

Run on a scratch MariaDB database after `migrate` and `generate_catalog`
(its stores and products are what gets sold). Writes orders numbered
`BENCH…`; `--clear` deletes them (and the rollups) first.
"""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from analytics.models import MarketDay, ProductDay, ProductMonth, StoreDay
from analytics.months import month_of, product_months_recompute
from analytics.periods import today
from analytics.services import rollup_rebuild
from shop.models import Order, OrderLine, OrderPart, OrderStatus
from shop.money import money_round
from vendors.models import ProductPage

BATCH = 5000
PREFIX = "BENCH"
# Benchmark data, not secrets: a seeded generator makes the same year again.
rng = random.Random()  # noqa: S311
RATE = Decimal("0.1000")


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--lines", type=int, default=1_000_000)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--clear", action="store_true")
        parser.add_argument(
            "--skip-orders", action="store_true", help="Time the reports only."
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="Write the rollups of --lines order lines straight into the "
            "rollup tables (minutes instead of an hour), keeping the real orders.",
        )
        parser.add_argument("--seed", type=int, default=20)

    def handle(
        self, *args, lines, days, runs, clear, skip_orders, synthetic, seed, **options
    ):
        if connection.vendor != "mysql":
            raise CommandError("Run it on MariaDB (DATABASE_URL=mysql://...).")
        rng.seed(seed)
        if clear:
            Order.objects.filter(number__startswith=PREFIX).delete()
            for model in (StoreDay, ProductDay, MarketDay):
                model.objects.all().delete()
        if synthetic:
            started = time.perf_counter()
            self._synthetic(lines, days)
            self.stdout.write(
                f"Wrote the rollups of {lines} order lines in "
                f"{time.perf_counter() - started:.0f} s."
            )
        elif not skip_orders:
            self._orders(lines, days)
            started = time.perf_counter()
            rebuilt = rollup_rebuild(
                first=today() - timedelta(days=days - 1), last=today()
            )
            took = time.perf_counter() - started
            self.stdout.write(
                f"Rollups rebuilt for {rebuilt} days in {took:.1f} s "
                f"({took / rebuilt * 1000:.0f} ms a day: the nightly job)."
            )
        self.stdout.write(
            f"Rows: {OrderLine.objects.count()} order lines; "
            f"{StoreDay.objects.count()} store-days, {ProductDay.objects.count()} "
            f"product-days, {ProductMonth.objects.count()} product-months, "
            f"{MarketDay.objects.count()} market days."
        )
        self._time(runs, days)

    def _orders(self, lines, days):
        products = list(
            ProductPage.objects.select_related("store").only(
                "id", "title", "price", "store__id", "store__title"
            )
        )
        if not products:
            raise CommandError("No products: run generate_catalog first.")
        buyer, _ = User.objects.get_or_create(
            username="bench-buyer", defaults={"email": "bench-buyer@example.com"}
        )
        now = timezone.now()
        started = time.perf_counter()
        made = 0
        serial = Order.objects.filter(number__startswith=PREFIX).count()
        while made < lines:
            batch_lines = min(BATCH * 3, lines - made)
            lines_made, orders_made = self._batch(
                products, buyer, now, days, batch_lines, serial
            )
            made += lines_made
            serial += orders_made
            self.stdout.write(f"  {made} lines", ending="\r")
        took = time.perf_counter() - started
        self.stdout.write(f"Wrote {made} order lines in {took:.0f} s.")

    def _batch(self, products, buyer, now, days, batch_lines, serial):
        plans = []
        left = batch_lines
        while left > 0:
            count = min(left, rng.choice((1, 1, 2, 3, 4, 5)))
            left -= count
            paid = now - timedelta(seconds=rng.randrange(days * 86400))
            refunded = rng.random() < 0.05
            plans.append((paid, refunded, rng.sample(products, count)))
        orders = [
            Order(
                number=f"{PREFIX}{serial + i:011d}",
                buyer=buyer,
                status=OrderStatus.REFUNDED if refunded else OrderStatus.DELIVERED,
                total=0,
                currency=settings.CURRENCY,
                paid_at=paid,
            )
            for i, (paid, refunded, _) in enumerate(plans)
        ]
        Order.objects.bulk_create(orders, batch_size=BATCH)
        parts, line_rows = [], []
        for order, (_, _, items) in zip(orders, plans, strict=True):
            by_store = {}
            for product in items:
                by_store.setdefault(product.store, []).append(product)
            for store, store_items in by_store.items():
                part = OrderPart(
                    order=order,
                    store=store,
                    store_name=store.title,
                    status=order.status,
                    subtotal=0,
                )
                parts.append((part, store_items))
        OrderPart.objects.bulk_create([p for p, _ in parts], batch_size=BATCH)
        for part, store_items in parts:
            for product in store_items:
                quantity = rng.choice((1, 1, 1, 2, 3))
                total = money_round(product.price * quantity)
                line_rows.append(
                    OrderLine(
                        order=part.order,
                        part=part,
                        product=product,
                        product_name=product.title,
                        store_name=part.store_name,
                        unit_price=product.price,
                        quantity=quantity,
                        line_total=total,
                        commission_rate=RATE,
                        commission=money_round(total * RATE),
                    )
                )
        OrderLine.objects.bulk_create(line_rows, batch_size=BATCH)
        # auto_now_add stamped "now": orders are placed just before they are paid.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE shop_order SET created_at = paid_at - INTERVAL 2 MINUTE "
                "WHERE id BETWEEN %s AND %s",
                [orders[0].pk, orders[-1].pk],
            )
        return len(line_rows), len(orders)

    def _synthetic(self, lines, days):
        """The rows `lines` order lines over `days` days would roll up into:
        each day's lines fall on random products (1-3 units, 5% refunded)."""
        products = list(
            ProductPage.objects.select_related("store").only(
                "id", "title", "price", "store__id", "store__vendor_id"
            )
        )
        for model in (StoreDay, ProductDay, MarketDay, ProductMonth):
            model.objects.all().delete()
        per_day = lines // days
        first = today() - timedelta(days=days - 1)
        for offset in range(days):
            day = first + timedelta(days=offset)
            rows: dict[int, ProductDay] = {}
            for product in rng.choices(products, k=per_day):
                row = rows.get(product.pk)
                if row is None:
                    row = rows[product.pk] = ProductDay(
                        day=day,
                        product_id=product.pk,
                        store_id=product.store.pk,
                        vendor_id=product.store.vendor_id,
                        product_name=product.title,
                        views=0,
                    )
                units = rng.choice((1, 1, 1, 2, 3))
                total = money_round(product.price * units)
                if rng.random() < 0.05:
                    row.refunds += total
                    continue
                row.revenue += total
                row.units += units
                row.orders += 1
                row.commission += money_round(total * RATE)
                row.views += rng.randrange(5, 40)
            ProductDay.objects.bulk_create(rows.values(), batch_size=BATCH)
            stores: dict[int, StoreDay] = {}
            for row in rows.values():
                store = stores.setdefault(
                    row.store_id,
                    StoreDay(day=day, store_id=row.store_id, vendor_id=row.vendor_id),
                )
                for name in (
                    "revenue",
                    "refunds",
                    "commission",
                    "orders",
                    "units",
                    "views",
                ):
                    setattr(store, name, getattr(store, name) + getattr(row, name))
            StoreDay.objects.bulk_create(stores.values(), batch_size=BATCH)
            market = MarketDay(day=day, sessions=per_day * 8)
            for name in ("revenue", "refunds", "commission", "units", "views"):
                setattr(market, name, sum(getattr(s, name) for s in stores.values()))
            market.orders = round(per_day / 2.9)
            market.save()
            self.stdout.write(f"  {day}", ending="\r")
        for month in sorted({month_of(first + timedelta(days=n)) for n in range(days)}):
            product_months_recompute(month=month)

    def _time(self, runs, days):
        admin = User.objects.filter(
            is_superuser=True
        ).first() or User.objects.create_superuser(
            "bench-admin", "bench-admin@example.com", None
        )
        vendor = (
            User.objects.filter(stores__order_parts__isnull=False)
            .order_by("pk")
            .first()
        )
        last = today()
        span = f"from={last - timedelta(days=days - 1)}&to={last}"
        checks = [
            ("admin", "admin dashboard", "/admin/"),
            (
                "admin",
                f"marketplace report, {days} days",
                f"/admin/analytics/marketplace/?{span}",
            ),
            (
                "vendor",
                f"vendor report, {days} days",
                f"/admin/analytics/sales/?{span}",
            ),
            (
                "admin",
                f"API admin report, {days} days",
                f"/api/admin/reports/sales/?{span}",
            ),
            (
                "vendor",
                f"API vendor report, {days} days",
                f"/api/vendor/reports/sales/?{span}&interval=month",
            ),
            ("vendor", "vendor dashboard", "/admin/"),
        ]
        clients = {}
        for role, user in (("admin", admin), ("vendor", vendor)):
            clients[role] = Client(SERVER_NAME="localhost")
            clients[role].force_login(user)
        self.stdout.write(f"Vendor timed: {vendor.username} (a store with sales).")
        self.stdout.write(f"Median of {runs} runs after one warm-up:")
        for role, name, url in checks:
            client = clients[role]
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url}: {response.status_code}")
            times = []
            for _ in range(runs):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"  {name:36} {statistics.median(times):7.1f} ms "
                f"(max {max(times):.1f}), {len(captured)} queries"
            )
