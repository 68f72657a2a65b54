from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from shop.exceptions import OutOfStock
from shop.models import CartItem
from shop.services.cart import (
    MAX_LINE_QUANTITY,
    cart_add_item,
    cart_contents,
    cart_for,
    cart_merge,
    cart_quantities,
    cart_remove_item,
    cart_set_quantity,
)
from shop.session import SESSION_KEY, SessionCart


@pytest.fixture(params=["guest", "user"])
def cart(request, buyer):
    if request.param == "guest":
        return SessionCart({})
    return cart_for(user=buyer, session={})


def test_cart_add_item_adds_to_the_line(cart, mug):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)

    line = cart_add_item(cart=cart, product_id=mug.pk, quantity=1)

    assert (line.product, line.quantity, line.line_total) == (mug, 3, Decimal("30.00"))
    assert cart_quantities(cart=cart) == {mug.pk: 3}


def test_cart_totals_are_decimal(cart, mug, beans):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)
    cart_add_item(cart=cart, product_id=beans.pk, quantity=3)

    contents = cart_contents(cart=cart)

    assert [line.line_total for line in contents.lines] == [
        Decimal("20.00"),
        Decimal("43.50"),
    ]
    assert contents.total == Decimal("63.50")
    assert contents.item_count == 5
    assert contents.needs_shipping is True


def test_cart_add_item_refuses_more_than_stock(cart, mug):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=4)

    with pytest.raises(OutOfStock) as error:
        cart_add_item(cart=cart, product_id=mug.pk, quantity=2)

    assert error.value.available == 5
    assert "only 5 of “Speckled mug” left" in str(error.value)
    assert cart_quantities(cart=cart) == {mug.pk: 4}


@pytest.mark.parametrize(
    "quantity", [0, -1, 1.5, "2", None, True, MAX_LINE_QUANTITY + 1]
)
def test_cart_add_item_refuses_what_is_not_a_quantity(cart, mug, quantity):
    with pytest.raises(ValidationError) as error:
        cart_add_item(cart=cart, product_id=mug.pk, quantity=quantity)

    assert list(error.value.message_dict) == ["quantity"]
    assert cart_quantities(cart=cart) == {}


@pytest.mark.parametrize("product_id", [0, -1, 999_999, 2**63, 10**30, "1", None])
def test_cart_add_item_refuses_unknown_products(cart, mug, product_id):
    with pytest.raises(ValidationError) as error:
        cart_add_item(cart=cart, product_id=product_id, quantity=1)

    assert list(error.value.message_dict) == ["product"]
    assert cart_quantities(cart=cart) == {}


def test_cart_add_item_refuses_unpublished_products(cart, mug):
    mug.unpublish()

    with pytest.raises(ValidationError):
        cart_add_item(cart=cart, product_id=mug.pk, quantity=1)

    assert cart_quantities(cart=cart) == {}


def test_digital_products_have_no_stock_limit(cart, ebook):
    line = cart_add_item(cart=cart, product_id=ebook.pk, quantity=40)

    assert (line.quantity, line.available) == (40, None)
    assert cart_contents(cart=cart).needs_shipping is False


def test_cart_set_quantity_changes_the_line(cart, mug):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=1)

    cart_set_quantity(cart=cart, product_id=mug.pk, quantity=5)

    assert cart_quantities(cart=cart) == {mug.pk: 5}


@pytest.mark.parametrize("quantity", [0, -3, 6])
def test_cart_set_quantity_refuses_bad_quantities(cart, mug, quantity):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)

    with pytest.raises((ValidationError, OutOfStock)):
        cart_set_quantity(cart=cart, product_id=mug.pk, quantity=quantity)

    assert cart_quantities(cart=cart) == {mug.pk: 2}


def test_cart_set_quantity_refuses_a_product_not_in_the_cart(cart, mug, beans):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)

    with pytest.raises(ValidationError):
        cart_set_quantity(cart=cart, product_id=beans.pk, quantity=1)

    assert cart_quantities(cart=cart) == {mug.pk: 2}


def test_cart_remove_item(cart, mug, beans):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)
    cart_add_item(cart=cart, product_id=beans.pk, quantity=1)

    cart_remove_item(cart=cart, product_id=mug.pk)

    assert cart_quantities(cart=cart) == {beans.pk: 1}


def test_unpublished_products_drop_out_of_the_cart(cart, mug, beans):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)
    cart_add_item(cart=cart, product_id=beans.pk, quantity=1)
    mug.unpublish()

    contents = cart_contents(cart=cart)

    assert [line.product.pk for line in contents.lines] == [beans.pk]
    assert contents.removed == ["Speckled mug"]
    assert cart_quantities(cart=cart) == {beans.pk: 1}


def test_products_of_an_inactive_store_drop_out_of_the_cart(cart, mug, store):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)
    store.is_active = False
    store.save_revision().publish()

    contents = cart_contents(cart=cart)

    assert contents.lines == []
    assert contents.removed == ["Speckled mug"]


def test_deleted_products_drop_out_of_the_cart(cart, mug, beans):
    cart_add_item(cart=cart, product_id=mug.pk, quantity=2)
    cart_add_item(cart=cart, product_id=beans.pk, quantity=1)
    mug.delete()

    contents = cart_contents(cart=cart)

    assert [line.product.pk for line in contents.lines] == [beans.pk]
    assert contents.removed == ["a product that has been deleted"]
    assert cart_quantities(cart=cart) == {beans.pk: 1}
    assert cart_contents(cart=cart).removed == []


def test_session_cart_ignores_junk_in_the_session():
    cart = SessionCart({SESSION_KEY: {"x": 1, "5": -2, "6": "3", "7": True, "8": 2}})

    assert cart.quantities() == {8: 2}


def test_cart_merge_adds_guest_quantities_capped_by_stock(buyer, mug, beans, ebook):
    session = {}
    guest = SessionCart(session)
    cart_add_item(cart=guest, product_id=mug.pk, quantity=4)
    cart_add_item(cart=guest, product_id=beans.pk, quantity=1)
    cart_add_item(cart=guest, product_id=ebook.pk, quantity=2)
    mine = cart_for(user=buyer, session={})
    cart_add_item(cart=mine, product_id=mug.pk, quantity=3)

    notes = cart_merge(user=buyer, session=session)

    assert cart_quantities(cart=mine) == {mug.pk: 5, beans.pk: 1, ebook.pk: 2}
    assert [(n.product_name, n.added, n.capped) for n in notes] == [
        ("Speckled mug", 2, True),
        ("Ethiopia beans", 1, False),
        ("Glazing e-book", 2, False),
    ]
    assert SESSION_KEY not in session


def test_cart_merge_leaves_out_products_no_longer_for_sale(buyer, mug, beans):
    session = {}
    cart_add_item(cart=SessionCart(session), product_id=mug.pk, quantity=1)
    cart_add_item(cart=SessionCart(session), product_id=beans.pk, quantity=1)
    beans.unpublish()

    notes = cart_merge(user=buyer, session=session)

    assert [n.product_name for n in notes] == ["Speckled mug"]
    assert dict(
        CartItem.objects.filter(cart__user=buyer).values_list("product", "quantity")
    ) == {mug.pk: 1}


def test_cart_merge_with_an_empty_guest_cart_does_nothing(buyer):
    assert cart_merge(user=buyer, session={}) == []
    assert not CartItem.objects.exists()
