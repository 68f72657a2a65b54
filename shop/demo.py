"""Past orders for the demo site, placed and moved along through the services."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from shop.models import Order, OrderEvent, ShippingRule
from shop.services.cart import cart_add_item, cart_for
from shop.services.checkout import order_place
from shop.services.downloads import product_file_add
from shop.services.orders import order_cancel, order_part_advance
from shop.services.shipping_rules import shipping_rule_set
from vendors.models import ProductPage, StorePage
from vendors.selectors import products_visible

DEMO_ADDRESSES = {
    "buyer1": {
        "full_name": "Bea Moreau",
        "address": "12 Rue des Lilas",
        "city": "Lyon",
        "state": "",
        "zipcode": "69003",
        "country": "FR",
    },
    "buyer2": {
        "full_name": "Carlos Ruiz",
        "address": "Calle de Alcalá 48",
        "city": "Madrid",
        "state": "Madrid",
        "zipcode": "28014",
        "country": "ES",
    },
}
# buyer, (store position, product position, quantity) items, how far the
# stores got, days ago.
DEMO_ORDERS = [
    ("buyer1", [(0, 0, 1), (1, 0, 2)], "delivered", 21),
    ("buyer1", [(2, 1, 1)], "shipped", 6),
    ("buyer2", [(0, 2, 1), (3, 0, 1)], "processing", 2),
    ("buyer2", [(1, 3, 1)], "cancelled", 4),
    ("buyer1", [(4, 0, 1)], "paid", 0),
]
STEPS = ["processing", "shipped", "delivered"]


def _products_by_store() -> list[list[ProductPage]]:
    stores: dict[int, list[ProductPage]] = {}
    for product in (
        products_visible().select_related("store", "stock").order_by("store", "pk")
    ):
        if product.digital or product.stock_quantity >= 3:
            stores.setdefault(product.store_id, []).append(product)
    return list(stores.values())


# Shipping of the demo stores, in their order: (flat rate, per additional
# item, free over, countries); the demo buyers live in France and Spain.
DEMO_SHIPPING = [
    ("4.90", "1.50", "60.00", ["FR", "ES", "BE", "DE", "IT", "NL", "GB"]),
    ("3.50", "0.50", "40.00", []),
    ("6.00", "2.00", None, ["FR", "ES", "PT"]),
    ("5.00", "0.00", "75.00", []),
    ("2.90", "1.00", "30.00", ["FR", "ES", "GB", "US", "CA"]),
]


def seed_shipping_and_downloads() -> tuple[int, int]:
    """Shipping rules for the demo stores that have none, and a downloadable
    file for each digital product without one; returns how many of each."""
    rules = files = 0
    stores = StorePage.objects.filter(
        pk__in=products_visible().values("store_id")
    ).order_by("pk")
    for store, (flat, extra, free, countries) in zip(
        stores, DEMO_SHIPPING, strict=False
    ):
        if ShippingRule.objects.filter(store=store).exists():
            continue
        shipping_rule_set(
            store=store,
            actor=store.vendor,
            flat_rate=Decimal(flat),
            per_additional_item=Decimal(extra),
            free_over=Decimal(free) if free else None,
            countries=countries,
        )
        rules += 1
    digital = products_visible().filter(digital=True).select_related("store__vendor")
    for product in digital.exclude(files__isnull=False):
        product_file_add(
            product=product,
            actor=product.store.vendor,
            name=f"{product.title} (PDF)",
            file=ContentFile(_demo_pdf(product.title), name="download.pdf"),
        )
        files += 1
    return rules, files


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF saying what it is: enough to try a download."""
    text = f"{title}: the file a buyer downloads".replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@transaction.atomic
def seed_orders() -> int:
    """A few past orders in various states; returns how many were created.

    Does nothing once the demo buyers have orders, or when the test payment
    provider (which pays them) is switched off. The stores get their shipping
    rules and the digital products their files first (seed_shipping_and_downloads).
    """
    seed_shipping_and_downloads()
    buyers = {
        user.username: user for user in User.objects.filter(username__in=DEMO_ADDRESSES)
    }
    if len(buyers) < len(DEMO_ADDRESSES) or not settings.PAYMENTS_TEST_PROVIDER_ENABLED:
        return 0
    if Order.objects.filter(buyer__in=buyers.values()).exists():
        return 0
    stores = _products_by_store()
    created = 0
    for username, items, reached, days_ago in DEMO_ORDERS:
        chosen = [
            (stores[s][p], quantity)
            for s, p, quantity in items
            if s < len(stores) and p < len(stores[s])
        ]
        if not chosen:
            continue
        order = _demo_order(buyers[username], chosen, reached)
        _backdate(order, days=days_ago)
        created += 1
    return created


def _demo_order(buyer: User, items, reached: str) -> Order:
    cart = cart_for(user=buyer, session={})
    for product, quantity in items:
        cart_add_item(cart=cart, product_id=product.pk, quantity=quantity)
    order = order_place(
        buyer=buyer,
        cart=cart,
        payment_method="test",
        shipping_address=DEMO_ADDRESSES[buyer.username],
    )
    if reached == "cancelled":
        return order_cancel(order=order, actor=buyer, note="Cancelled by the buyer.")
    for part in order.parts.select_related("store__vendor"):
        # In a part-way order only the first store has got going.
        if reached == "processing" and part != order.parts.first():
            continue
        for status in STEPS[: STEPS.index(reached) + 1] if reached in STEPS else []:
            part = order_part_advance(
                part=part, to_status=status, actor=part.store.vendor
            )
    return order


def _backdate(order: Order, *, days: int) -> None:
    """Move the order into the past, its events spread between then and now."""
    if not days:
        return
    now = timezone.now()
    placed = now - timedelta(days=days)
    Order.objects.filter(pk=order.pk).update(created_at=placed, paid_at=placed)
    # Placed and paid at once (test provider); the stores' steps came later.
    events = list(order.events.order_by("pk"))
    for position, event in enumerate(events):
        OrderEvent.objects.filter(pk=event.pk).update(
            created_at=placed + (now - placed) * max(position - 1, 0) / len(events)
        )
