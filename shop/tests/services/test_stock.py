import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from shop.models import Stock
from shop.services.stock import stock_set
from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def product(home_page):
    return ProductPageFactory(stock_quantity=4)


def test_stock_set_changes_the_count(product):
    stock = stock_set(product=product, quantity=7)

    assert stock.quantity == 7
    assert Stock.objects.get(product=product).quantity == 7


def test_stock_set_creates_the_row_when_missing(product):
    Stock.objects.filter(product=product).delete()

    stock_set(product=product, quantity=2)

    assert Stock.objects.get(product=product).quantity == 2


@pytest.mark.parametrize("quantity", [-1, -100, 1.5, "3", None, True])
def test_stock_set_refuses_what_is_not_a_count(product, quantity):
    before = Stock.objects.get(product=product).quantity

    with pytest.raises(ValidationError) as error:
        stock_set(product=product, quantity=quantity)

    assert list(error.value.message_dict) == ["quantity"]
    assert Stock.objects.get(product=product).quantity == before


def test_database_refuses_negative_stock(product):
    # SQLite checks the constraint; MariaDB's unsigned column refuses it first.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Stock.objects.filter(product=product).update(quantity=-1)
