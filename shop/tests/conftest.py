from decimal import Decimal

import pytest
import responses

from shop.models import Stock
from vendors.tests.factories import ProductPageFactory, StorePageFactory

PAYPAL = "https://paypal.test"
PAYPAL_ORDER_ID = "5O190127TN364715T"
PAYPAL_CAPTURE_ID = "3C679366HH908993F"
APPROVE_URL = f"https://www.paypal.test/checkoutnow?token={PAYPAL_ORDER_ID}"


@pytest.fixture
def other_store(store_index):
    return StorePageFactory(title="Bean Roasters")


@pytest.fixture
def mug(store):
    return ProductPageFactory(store=store, title="Speckled mug", stock_quantity=5)


@pytest.fixture
def beans(other_store):
    return ProductPageFactory(
        store=other_store,
        title="Ethiopia beans",
        price=Decimal("14.50"),
        stock_quantity=3,
    )


@pytest.fixture
def ebook(store):
    return ProductPageFactory(
        store=store,
        title="Glazing e-book",
        price=Decimal("7.99"),
        digital=True,
        stock_quantity=0,
    )


def stock_of(product) -> int:
    return Stock.objects.get(product=product).quantity


@pytest.fixture
def paypal_api(settings):
    """PayPal's REST API, faked at the HTTP boundary: a request nobody
    registered fails as a network error, so no test can reach the real PayPal."""
    settings.PAYPAL_CLIENT_ID = "client-id"
    settings.PAYPAL_CLIENT_SECRET = "client-secret"
    settings.PAYPAL_BASE_URL = PAYPAL
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(
            f"{PAYPAL}/v1/oauth2/token",
            json={"access_token": "A21AA-token", "expires_in": 32400},
        )
        yield mock


def paypal_accepts_order(mock, *, order_id=PAYPAL_ORDER_ID):
    mock.post(
        f"{PAYPAL}/v2/checkout/orders",
        status=201,
        json={
            "id": order_id,
            "status": "CREATED",
            "links": [
                {"href": f"{PAYPAL}/v2/checkout/orders/{order_id}", "rel": "self"},
                {"href": APPROVE_URL, "rel": "approve"},
            ],
        },
    )


def paypal_captures(mock, *, value, currency="USD", order_id=PAYPAL_ORDER_ID):
    mock.post(
        f"{PAYPAL}/v2/checkout/orders/{order_id}/capture",
        status=201,
        json={
            "id": order_id,
            "status": "COMPLETED",
            "purchase_units": [
                {
                    "payments": {
                        "captures": [
                            {
                                "id": PAYPAL_CAPTURE_ID,
                                "status": "COMPLETED",
                                "amount": {"currency_code": currency, "value": value},
                            }
                        ]
                    }
                }
            ],
        },
    )


def paypal_declines(mock, *, order_id=PAYPAL_ORDER_ID):
    mock.post(
        f"{PAYPAL}/v2/checkout/orders/{order_id}/capture",
        status=422,
        json={
            "name": "UNPROCESSABLE_ENTITY",
            "details": [{"issue": "INSTRUMENT_DECLINED"}],
        },
    )
