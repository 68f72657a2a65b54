from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from shop.models import (
    SOLD_STATUSES,
    Address,
    CartItem,
    Order,
    OrderEvent,
    OrderLine,
    OrderPart,
    OrderStatus,
)
from shop.money import money_round
from shop.session import SessionCart
from vendors.models import ProductPage
from vendors.selectors import products_public, products_visible, stores_managed_by


@dataclass(frozen=True)
class CartLine:
    product: ProductPage
    quantity: int

    @property
    def id(self) -> int:
        """A cart has one line per product, so the product's id names the line."""
        return self.product.pk

    @property
    def unit_price(self) -> Decimal:
        return money_round(self.product.price)

    @property
    def line_total(self) -> Decimal:
        return money_round(self.unit_price * self.quantity)

    @property
    def available(self) -> int | None:
        """Units that may be bought; None for a digital product (no limit)."""
        return None if self.product.digital else self.product.stock_quantity

    @property
    def is_short(self) -> bool:
        return self.available is not None and self.quantity > self.available


# How a line whose product page no longer exists is named to the buyer.
DELETED_PRODUCT_NAME = "a product that has been deleted"


@dataclass(frozen=True)
class CartContents:
    lines: list[CartLine]
    removed: list[str] = field(default_factory=list)

    @property
    def product_ids(self) -> set[int]:
        return {line.product.pk for line in self.lines}

    @property
    def total(self) -> Decimal:
        return money_round(sum((line.line_total for line in self.lines), Decimal(0)))

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def needs_shipping(self) -> bool:
        return any(not line.product.digital for line in self.lines)

    @property
    def has_short_lines(self) -> bool:
        return any(line.is_short for line in self.lines)


def cart_products(*, product_ids: Iterable[int]) -> dict[int, ProductPage]:
    """The products of these ids that are for sale, with store and stock."""
    products = (
        products_visible()
        .filter(pk__in=list(product_ids))
        .select_related("store", "stock")
        .order_by("pk")
    )
    return {product.pk: product for product in products}


def cart_contents_for(*, quantities: Mapping[int, int]) -> CartContents:
    """Lines for {product id: quantity}, in the order added; products no longer
    for sale are left out (their names in `removed` when still known)."""
    products = cart_products(product_ids=quantities)
    lines = [
        CartLine(product=products[pid], quantity=qty)
        for pid, qty in quantities.items()
        if pid in products
    ]
    gone = [pid for pid in quantities if pid not in products]
    names = (
        dict(ProductPage.objects.filter(pk__in=gone).values_list("pk", "title"))
        if gone
        else {}
    )
    removed = sorted(names.values()) + [DELETED_PRODUCT_NAME] * (len(gone) - len(names))
    return CartContents(lines=lines, removed=removed)


def cart_item_count(*, user: User | AnonymousUser, session) -> int:
    """Units in the visitor's cart, for the header; one query at most."""
    if user.is_authenticated:
        total = CartItem.objects.filter(
            cart__user=user, product__isnull=False
        ).aggregate(n=Sum("quantity"))
        return total["n"] or 0
    return sum(SessionCart(session).quantities().values())


def addresses_of(*, user: User) -> QuerySet[Address]:
    return Address.objects.filter(user=user)


def _order_prefetches():
    return [
        Prefetch("parts", queryset=OrderPart.objects.order_by("store_name", "pk")),
        Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
    ]


def orders_of(*, user: User | AnonymousUser) -> QuerySet[Order]:
    """The buyer's own orders, newest first, with parts and lines."""
    if not user.is_authenticated:
        return Order.objects.none()
    return (
        Order.objects.filter(buyer=user)
        .select_related("payment", "shipping_address")
        .prefetch_related(*_order_prefetches())
        .order_by("-created_at", "-pk")
    )


def order_of(*, user: User | AnonymousUser, number: str) -> Order | None:
    """One of the buyer's orders by number, with its timeline; None if not theirs."""
    return (
        orders_of(user=user)
        .prefetch_related(
            Prefetch(
                "events",
                queryset=OrderEvent.objects.select_related("actor", "part"),
            )
        )
        .filter(number=number)
        .first()
    )


def _parts_seen_by(user: User | AnonymousUser) -> QuerySet[OrderPart]:
    """Parts of orders for the stores the user manages (all of them for admins);
    parts awaiting payment are not the vendor's business yet."""
    parts = OrderPart.objects.exclude(status=OrderStatus.PENDING_PAYMENT)
    if not (user.is_authenticated and user.is_admin):
        parts = parts.filter(store__in=stores_managed_by(user).values("pk"))
    return parts


def order_parts_for_vendor(*, user: User | AnonymousUser) -> QuerySet[OrderPart]:
    """The parts the user fulfils (all for admins), newest first, with lines
    and events."""
    return (
        _parts_seen_by(user)
        .select_related("order", "order__buyer", "order__shipping_address", "store")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
            Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
        )
        .order_by("-order__created_at", "-pk")
    )


def order_part_for_vendor(
    *, user: User | AnonymousUser, part_id: int
) -> OrderPart | None:
    return order_parts_for_vendor(user=user).filter(pk=part_id).first()


@dataclass(frozen=True)
class ProductSales:
    name: str
    units: int
    revenue: Decimal


@dataclass(frozen=True)
class SalesSummary:
    """What the user's stores sold (every store for admins) in the last `days`."""

    days: int
    revenue: Decimal
    orders: int
    units: int
    to_process: int
    to_ship: int
    top_products: list[ProductSales]


def sales_summary(
    *, user: User | AnonymousUser, days: int = 30, top: int = 5
) -> SalesSummary:
    """Sales paid in the last `days` days and the parts waiting on the seller;
    four queries whatever the number of orders."""
    parts = _parts_seen_by(user)
    sold = parts.filter(
        status__in=SOLD_STATUSES,
        order__paid_at__gte=timezone.now() - timedelta(days=days),
    )
    totals = sold.aggregate(
        revenue=Sum("subtotal"), orders=Count("order", distinct=True)
    )
    lines = OrderLine.objects.filter(part__in=sold.values("pk"))
    units = lines.aggregate(units=Sum("quantity"))["units"] or 0
    waiting = dict(
        parts.filter(status__in=[OrderStatus.PAID, OrderStatus.PROCESSING])
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    best = (
        lines.order_by()
        .values("product_name")
        .annotate(units=Sum("quantity"), revenue=Sum("line_total"))
        .order_by("-revenue", "product_name")[:top]
    )
    return SalesSummary(
        days=days,
        revenue=money_round(totals["revenue"] or 0),
        orders=totals["orders"],
        units=units,
        to_process=waiting.get(OrderStatus.PAID, 0),
        to_ship=waiting.get(OrderStatus.PROCESSING, 0),
        top_products=[
            ProductSales(
                name=row["product_name"],
                units=row["units"],
                revenue=money_round(row["revenue"]),
            )
            for row in best
        ],
    )


@dataclass(frozen=True)
class VendorSales:
    revenue: Decimal
    orders: int


NO_SALES = VendorSales(revenue=Decimal("0.00"), orders=0)


def sales_by_vendor(
    *, vendor_ids: Iterable[int], days: int = 30
) -> dict[int, VendorSales]:
    """Revenue and orders paid in the last `days` days, per vendor of the selling
    store; vendors who sold nothing are left out (NO_SALES). One query."""
    rows = (
        OrderPart.objects.filter(
            store__vendor_id__in=list(vendor_ids),
            status__in=SOLD_STATUSES,
            order__paid_at__gte=timezone.now() - timedelta(days=days),
        )
        .order_by()
        .values("store__vendor_id")
        .annotate(revenue=Sum("subtotal"), orders=Count("order", distinct=True))
    )
    return {
        row["store__vendor_id"]: VendorSales(
            revenue=money_round(row["revenue"]), orders=row["orders"]
        )
        for row in rows
    }


BEST_SELLERS_DAYS = 90


def products_best_selling(*, limit: int, days: int = BEST_SELLERS_DAYS) -> list:
    """The visible products that sold the most units in the last `days` days,
    as product cards show them; the newest products fill the list when fewer
    sold. Three queries."""
    sold = list(
        OrderLine.objects.filter(
            part__status__in=SOLD_STATUSES,
            order__paid_at__gte=timezone.now() - timedelta(days=days),
            product__isnull=False,
        )
        .order_by()
        .values("product_id")
        .annotate(units=Sum("quantity"))
        .order_by("-units", "product_id")
        .values_list("product_id", flat=True)[: limit * 3]
    )
    found = products_public().in_bulk(sold)
    best = [found[pk] for pk in sold if pk in found][:limit]
    if len(best) < limit:
        best += list(products_public().exclude(pk__in=sold)[: limit - len(best)])
    return best
