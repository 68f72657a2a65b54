"""Every kind of notification: who it is for, how it reads in a preference list,
and whether its e-mail is transactional (a receipt or a change to something the
user is waiting on: no unsubscribe header) or not (one-click unsubscribe)."""

from dataclasses import dataclass

BUYER = "buyer"
VENDOR = "vendor"
AUDIENCES = {BUYER: "As a buyer", VENDOR: "As a vendor"}


@dataclass(frozen=True)
class Kind:
    key: str
    audience: str
    label: str
    transactional: bool


KINDS = {
    kind.key: kind
    for kind in [
        Kind("order_paid", BUYER, "Order confirmations", True),
        Kind("order_shipped", BUYER, "A store has shipped your items", True),
        Kind("order_delivered", BUYER, "Your items were delivered", True),
        Kind("order_cancelled", BUYER, "An order was cancelled", True),
        Kind("order_refunded", BUYER, "An order was refunded", True),
        Kind("order_part_cancelled", BUYER, "A store's items were cancelled", True),
        Kind("review_replied", BUYER, "A vendor answered your review", False),
        Kind("alert_back_in_stock", BUYER, "A product is back in stock", False),
        Kind("alert_price_drop", BUYER, "A product's price dropped", False),
        Kind("order_received", VENDOR, "New paid orders for your store", True),
        Kind("order_withdrawn", VENDOR, "A paid order was cancelled", True),
        Kind("review_received", VENDOR, "New reviews of your products", False),
        Kind("payout_paid", VENDOR, "Payouts paid", True),
        Kind("vendor_status_changed", VENDOR, "Your vendor account's status", True),
    ]
}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS.values()]


def kinds_for(audience: str) -> list[Kind]:
    return [kind for kind in KINDS.values() if kind.audience == audience]
