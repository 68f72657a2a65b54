import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError, transaction

from shop.models import Stock
from shop.services.stock import stock_set
from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def product(home_page):
    return ProductPageFactory(stock_quantity=4)


def test_stock_set_changes_the_count(product):
    stock = stock_set(product=product, quantity=7, actor=product.store.vendor)

    assert stock.quantity == 7
    assert Stock.objects.get(product=product).quantity == 7


def test_stock_set_creates_the_row_when_missing(product):
    Stock.objects.filter(product=product).delete()

    stock_set(product=product, quantity=2, actor=product.store.vendor)

    assert Stock.objects.get(product=product).quantity == 2


def test_stock_set_refuses_another_vendors_product(product, home_page):
    other = ProductPageFactory(stock_quantity=4)

    with pytest.raises(PermissionDenied):
        stock_set(product=product, quantity=99, actor=other.store.vendor)

    assert Stock.objects.get(product=product).quantity == 4


def test_stock_set_refuses_a_buyer_and_lets_an_admin_count(product, buyer, admin_user):
    with pytest.raises(PermissionDenied):
        stock_set(product=product, quantity=99, actor=buyer)

    stock_set(product=product, quantity=5, actor=admin_user)

    assert Stock.objects.get(product=product).quantity == 5


@pytest.mark.parametrize("quantity", [-1, -100, 1.5, "3", None, True])
def test_stock_set_refuses_what_is_not_a_count(product, quantity):
    before = Stock.objects.get(product=product).quantity

    with pytest.raises(ValidationError) as error:
        stock_set(product=product, quantity=quantity, actor=product.store.vendor)

    assert list(error.value.message_dict) == ["quantity"]
    assert Stock.objects.get(product=product).quantity == before


def test_database_refuses_negative_stock(product):
    # SQLite checks the constraint; MariaDB's unsigned column refuses it first.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Stock.objects.filter(product=product).update(quantity=-1)
