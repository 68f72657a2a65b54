"""Past orders for the demo site, placed and moved along through the services."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from shop.models import Order, OrderEvent
from shop.services.cart import cart_add_item, cart_for
from shop.services.checkout import order_place
from shop.services.orders import order_cancel, order_part_advance
from vendors.models import ProductPage
from vendors.selectors import products_visible

DEMO_ADDRESSES = {
    "buyer1": {
        "full_name": "Bea Moreau",
        "address": "12 Rue des Lilas",
        "city": "Lyon",
        "state": "",
        "zipcode": "69003",
        "country": "France",
    },
    "buyer2": {
        "full_name": "Carlos Ruiz",
        "address": "Calle de Alcalá 48",
        "city": "Madrid",
        "state": "Madrid",
        "zipcode": "28014",
        "country": "Spain",
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


@transaction.atomic
def seed_orders() -> int:
    """A few past orders in various states; returns how many were created.

    Does nothing once the demo buyers have orders, or when the test payment
    provider (which pays them) is switched off.
    """
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
