"""Checkout: turn the buyer's cart into an order, all or nothing."""

import logging
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from config.validators import MONEY_MAX
from shop.exceptions import PaymentError
from shop.models import Address, Order, OrderLine, OrderPart, Payment
from shop.payment_providers import payment_providers
from shop.selectors import CartContents
from shop.services.cart import AnyCart, cart_clear, cart_contents
from shop.services.orders import order_event_record
from shop.services.payments import payment_start
from shop.services.stock import stock_reserve
from shop.shipping import (
    CartQuote,
    cart_quote,
    country_code,
    shipping_destination_check,
)
from vendor_accounts.selectors import commission_of, commission_rates

logger = logging.getLogger(__name__)

# Crockford's base32 without the letters that read as digits: 32**10 numbers.
NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_LENGTH = 10
ADDRESS_FIELDS = ["full_name", "address", "city", "state", "zipcode", "country"]


def order_number_new() -> str:
    return "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))


def address_save(*, user: User, fields: Mapping[str, str]) -> Address:
    """The address in the user's book, added unless the same one is there."""
    unknown = set(fields) - set(ADDRESS_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Unknown address field."))
    values = {name: str(fields.get(name) or "").strip() for name in ADDRESS_FIELDS}
    # Stored as its ISO code when recognised ("France" and "fr" are both "FR").
    values["country"] = country_code(values["country"]) or values["country"]
    existing = Address.objects.filter(user=user, **values).first()
    if existing is not None:
        return existing
    address = Address(user=user, **values)
    address.full_clean(exclude=["user"])
    address.save()
    return address


def _shipping_address(
    *, buyer: User, contents: CartContents, shipping_address
) -> Address | None:
    if not contents.needs_shipping:
        return None
    if isinstance(shipping_address, Address):
        if shipping_address.user_id != buyer.pk:
            raise ValidationError({"shipping_address": "Choose one of your addresses."})
        return shipping_address
    if not isinstance(shipping_address, Mapping):
        raise ValidationError({"shipping_address": "A shipping address is required."})
    return address_save(user=buyer, fields=shipping_address)


def _order_write(
    *,
    buyer: User,
    contents: CartContents,
    quote: CartQuote,
    address: Address | None,
    method: str,
) -> Order:
    order = Order(
        number=order_number_new(),
        buyer=buyer,
        total=quote.total,
        shipping=quote.shipping,
        currency=settings.CURRENCY,
        shipping_address=address,
    )
    order.full_clean(exclude=["buyer", "shipping_address"])
    order.save()
    parts: dict[int, OrderPart] = {}
    for line in sorted(contents.lines, key=lambda line: line.product.store.title):
        store = line.product.store
        if store.pk not in parts:
            parts[store.pk] = OrderPart.objects.create(
                order=order,
                store=store,
                store_name=store.title,
                status=order.status,
                subtotal=quote.group_of(store.pk).subtotal,
                shipping=quote.group_of(store.pk).shipping,
            )
    # The marketplace's commission is frozen here: a rate changed later leaves
    # this order as it was.
    rates = commission_rates(
        vendor_ids={line.product.store.vendor_id for line in contents.lines}
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            part=parts[line.product.store_id],
            product=line.product,
            product_name=line.product.title,
            store_name=line.product.store.title,
            digital=line.product.digital,
            unit_price=line.unit_price,
            quantity=line.quantity,
            line_total=line.line_total,
            commission_rate=rates[line.product.store.vendor_id],
            commission=commission_of(
                line_total=line.line_total, rate=rates[line.product.store.vendor_id]
            ),
        )
        for line in contents.lines
    )
    Payment.objects.create(
        order=order,
        method=method,
        amount=order.total,
        currency=order.currency,
    )
    order_event_record(
        order=order, to_status=order.status, actor=buyer, note="Order placed."
    )
    return order


def order_place(
    *,
    buyer: User,
    cart: AnyCart,
    payment_method: str,
    shipping_address: Address | Mapping[str, str] | None = None,
    return_url: str = "",
    cancel_url: str = "",
) -> Order:
    """Place an order for everything in the cart and start paying for it.

    In one transaction: the stock rows are locked and taken (OutOfStock if
    short, and nothing changes), then the order, one part per store, the lines
    (name, store and price copied) and the payment record are written, and the
    cart is emptied. Each part carries its store's shipping (shop.shipping),
    and the order's total includes it; a store that does not ship to the
    address refuses the order (ValidationError on `shipping_address`).
    `shipping_address` (an Address of the buyer's, or its
    fields) is required unless every item is digital. Then payment starts
    (see payment_start): with the test provider the order comes back paid,
    with PayPal awaiting payment with `order.payment.approve_url`. A payment
    the provider refuses leaves the order placed and unpaid, with
    `order.payment.status` "failed" and the reason in `last_error`.
    """
    providers = payment_providers()
    if payment_method not in providers:
        raise ValidationError({"payment_method": "Choose a way to pay."})
    contents = cart_contents(cart=cart)
    if contents.removed:
        raise ValidationError(
            "Some items are no longer for sale and left your cart: "
            + ", ".join(contents.removed)
            + ". Check your cart and try again."
        )
    if contents.is_empty:
        raise ValidationError("Your cart is empty.")
    quote = cart_quote(contents=contents)
    if quote.total > MONEY_MAX:
        # Only prices stored before MAX_PRICE existed can get here.
        raise ValidationError(
            "This order is larger than one order may be. Split it into smaller ones."
        )
    with transaction.atomic():
        address = _shipping_address(
            buyer=buyer, contents=contents, shipping_address=shipping_address
        )
        if address is not None:
            # Before any stock is taken: a refusal leaves everything as it was.
            shipping_destination_check(quote=quote, country=address.country)
        stock_reserve(
            quantities={
                line.product.pk: line.quantity
                for line in contents.lines
                if not line.product.digital
            }
        )
        for attempt in range(3):
            try:
                with transaction.atomic():
                    order = _order_write(
                        buyer=buyer,
                        contents=contents,
                        quote=quote,
                        address=address,
                        method=payment_method,
                    )
                break
            except IntegrityError:
                # A clash of random order numbers; anything else fails again.
                if attempt == 2:
                    raise
        cart_clear(cart=cart)
    try:
        payment_start(
            payment=order.payment, return_url=return_url, cancel_url=cancel_url
        )
    except PaymentError as error:
        # Recorded on the payment: the buyer may pay again or cancel.
        logger.info("Payment of order %s failed: %s", order.number, error)
    order.refresh_from_db()
    return order
