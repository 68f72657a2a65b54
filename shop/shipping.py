"""Shipping: what each store charges, where it ships, and how parcels are tracked.

One pricing function, `shipping_price`, used by the cart page, checkout (site
and API) and order creation, so the amount a buyer sees is the amount charged.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django_countries import countries

from shop.models import ShippingRule
from shop.money import money_round
from shop.selectors import CartContents, CartLine

ZERO = Decimal("0.00")


# --- Countries ------------------------------------------------------------------
def country_choices() -> list[tuple[str, str]]:
    """(ISO 3166-1 alpha-2 code, English name), sorted by name."""
    return [(code, name) for code, name in countries]


def country_code(value: str | None) -> str | None:
    """The ISO alpha-2 code of a country given by code or English name
    (addresses saved before the country list hold names); None if unknown."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return countries.by_name(text) or None


def country_name(value: str | None) -> str:
    """A code shown as its name; anything else as it is."""
    code = country_code(value)
    return countries.name(code) if code else (value or "")


def country_codes_clean(values: Iterable[str]) -> str:
    """Codes (or names) as the comma-separated codes a rule stores; unknown
    ones raise ValidationError."""
    codes: list[str] = []
    unknown: list[str] = []
    for value in values:
        value = str(value).strip()
        if not value:
            continue
        code = country_code(value)
        if code is None:
            unknown.append(value)
        elif code not in codes:
            codes.append(code)
    if unknown:
        raise ValidationError(
            {
                "countries": "Unknown country code: "
                + ", ".join(unknown)
                + " (use ISO 3166-1 alpha-2 codes such as FR or GB)."
            }
        )
    return ",".join(sorted(codes))


# --- Pricing --------------------------------------------------------------------
def shipping_price(
    *, rule: ShippingRule | None, subtotal: Decimal, physical_units: int
) -> Decimal:
    """What a store charges to ship `physical_units` items worth `subtotal`.

    Nothing when nothing is physical (digital-only parts ship free), when the
    store has no rule, or when `subtotal` reaches the rule's `free_over`; else
    the flat rate plus `per_additional_item` for each unit after the first.
    """
    if physical_units <= 0 or rule is None:
        return ZERO
    if rule.free_over is not None and subtotal >= rule.free_over:
        return ZERO
    return money_round(rule.flat_rate + rule.per_additional_item * (physical_units - 1))


def ships_to(rule: ShippingRule | None, code: str | None) -> bool:
    if rule is None or not rule.country_codes:
        return True
    return code is not None and code in rule.country_codes


@dataclass(frozen=True)
class StoreGroup:
    """One store's lines of a cart, with its subtotal and shipping."""

    store: object  # vendors.StorePage
    lines: list[CartLine]
    rule: ShippingRule | None
    subtotal: Decimal
    shipping: Decimal

    @property
    def needs_shipping(self) -> bool:
        return any(not line.product.digital for line in self.lines)

    @property
    def total(self) -> Decimal:
        return money_round(self.subtotal + self.shipping)

    @property
    def countries(self) -> list[str]:
        return self.rule.country_codes if self.rule else []

    @property
    def country_names(self) -> list[str]:
        return self.rule.country_names if self.rule else []


@dataclass(frozen=True)
class CartQuote:
    groups: list[StoreGroup]

    @property
    def items_total(self) -> Decimal:
        return money_round(sum((group.subtotal for group in self.groups), ZERO))

    @property
    def shipping(self) -> Decimal:
        return money_round(sum((group.shipping for group in self.groups), ZERO))

    @property
    def total(self) -> Decimal:
        return money_round(self.items_total + self.shipping)

    def group_of(self, store_id: int) -> StoreGroup:
        return next(group for group in self.groups if group.store.pk == store_id)


def cart_quote(*, contents: CartContents) -> CartQuote:
    """The cart's lines grouped by store (by store name), each with its
    subtotal and shipping; one query for the stores' rules."""
    by_store: dict[int, list[CartLine]] = {}
    for line in contents.lines:
        by_store.setdefault(line.product.store_id, []).append(line)
    rules = {
        rule.store_id: rule
        for rule in ShippingRule.objects.filter(store_id__in=list(by_store))
    }
    groups = []
    for store_id, lines in by_store.items():
        subtotal = money_round(sum((line.line_total for line in lines), ZERO))
        rule = rules.get(store_id)
        groups.append(
            StoreGroup(
                store=lines[0].product.store,
                lines=lines,
                rule=rule,
                subtotal=subtotal,
                shipping=shipping_price(
                    rule=rule,
                    subtotal=subtotal,
                    physical_units=sum(
                        line.quantity for line in lines if not line.product.digital
                    ),
                ),
            )
        )
    groups.sort(key=lambda group: (group.store.title, group.store.pk))
    return CartQuote(groups=groups)


def shipping_destination_check(*, quote: CartQuote, country: str | None) -> None:
    """ValidationError on `shipping_address` naming every store with items to
    ship that does not ship to `country`."""
    code = country_code(country)
    refusing = [
        group.store.title
        for group in quote.groups
        if group.needs_shipping and not ships_to(group.rule, code)
    ]
    if refusing:
        where = country_name(country) or "this country"
        raise ValidationError(
            {
                "shipping_address": f"{' and '.join(refusing)} "
                f"{'does' if len(refusing) == 1 else 'do'} not ship to {where}. "
                "Choose another address or remove "
                f"{'its' if len(refusing) == 1 else 'their'} items from your cart."
            }
        )


# --- Tracking -------------------------------------------------------------------
CARRIERS = {
    "ups": ("UPS", "https://www.ups.com/track?tracknum={number}"),
    "usps": (
        "USPS",
        "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
    ),
    "fedex": ("FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    "dhl": (
        "DHL",
        "https://www.dhl.com/en/express/tracking.html?AWB={number}",
    ),
    "royal_mail": (
        "Royal Mail",
        "https://www.royalmail.com/track-your-item#/tracking-results/{number}",
    ),
    "la_poste": (
        "La Poste / Colissimo",
        "https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
    ),
    "dpd": ("DPD", "https://tracking.dpd.de/status/en_US/parcel/{number}"),
    "gls": ("GLS", "https://gls-group.com/track/{number}"),
}
OTHER_CARRIER = "other"


def carrier_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _url) in CARRIERS.items()] + [
        (OTHER_CARRIER, "Another carrier")
    ]


def carrier_key(carrier: str) -> str | None:
    """The known carrier a name or key stands for ("Royal Mail", "royal_mail")."""
    text = (carrier or "").strip().lower()
    for key, (label, _url) in CARRIERS.items():
        if text in (key, label.lower(), key.replace("_", " ")):
            return key
    return None


def carrier_label(carrier: str) -> str:
    key = carrier_key(carrier)
    return CARRIERS[key][0] if key else carrier


def tracking_url(carrier: str, number: str) -> str | None:
    """The carrier's tracking page for `number`; None for an unknown carrier."""
    key = carrier_key(carrier)
    if key is None or not number:
        return None
    return CARRIERS[key][1].format(number=quote(number.strip(), safe=""))
