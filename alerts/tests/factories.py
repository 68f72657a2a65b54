from decimal import Decimal

from alerts.services import alert_create


def alert_for(*, user, product, kind="price_drop", target_price=None):
    alert, _ = alert_create(
        user=user, product=product, kind=kind, target_price=target_price
    )
    return alert


def price_set(*, product, price: str, actor=None):
    """Change the price the way the API and dashboard do (a published revision)."""
    from vendors.services import product_update

    return product_update(
        product=product, actor=actor or product.store.vendor, price=Decimal(price)
    )
