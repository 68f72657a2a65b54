from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from ledger.models import Payout
from shop.services.orders import order_part_advance
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def earned(vendor, store):
    """A delivered sale of 2 × 25.00 for `vendor` at the default 10%."""
    product = ProductPageFactory(store=store, price=Decimal("25.00"))
    order = order_for(buyer=UserFactory(), items=[(product, 2)])
    part = order.parts.get()
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)
    return order


def test_balance_ledger_and_a_payout_request(client_as, vendor, earned):
    api = client_as(vendor)

    balance = api.get("/api/vendor/balance/").json()
    ledger = api.get("/api/vendor/ledger/").json()
    created = api.post("/api/vendor/payouts/", {"amount": "40.00"}, format="json")
    payouts = api.get("/api/vendor/payouts/").json()

    assert balance == {
        "currency": "USD",
        "commission_rate": "0.1000",
        "pending": "0.00",
        "available": "45.00",
        "paid_out": "0.00",
    }
    assert ledger["count"] == 2
    assert [(e["kind"], e["amount"], e["order_number"]) for e in ledger["results"]] == [
        ("commission", "-5.00", earned.number),
        ("sale", "50.00", earned.number),
    ]
    assert created.status_code == 201
    assert created.json()["status"] == "requested"
    assert created.json()["amount"] == "40.00"
    assert payouts["count"] == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [("45.01", "up to"), ("0", "greater"), ("-1", "greater"), ("abc", "number")],
)
def test_a_bad_payout_request_is_a_400(client_as, vendor, earned, amount, message):
    response = client_as(vendor).post(
        "/api/vendor/payouts/", {"amount": amount}, format="json"
    )

    assert response.status_code == 400
    assert message in str(response.json()["amount"])
    assert not Payout.objects.exists()


def test_a_second_open_request_is_a_400(client_as, vendor, earned):
    api = client_as(vendor)
    api.post("/api/vendor/payouts/", {"amount": "10.00"}, format="json")

    response = api.post("/api/vendor/payouts/", {"amount": "10.00"}, format="json")

    assert response.status_code == 400
    assert Payout.objects.count() == 1


def test_another_vendor_sees_none_of_it(client_as, other_vendor, earned):
    api = client_as(other_vendor)

    assert api.get("/api/vendor/ledger/").json()["count"] == 0
    assert api.get("/api/vendor/balance/").json()["available"] == "0.00"


def test_me_tells_a_vendor_their_status_and_a_buyer_nothing(client_as, vendor):
    assert client_as(vendor).get("/api/auth/me/").json()["vendor_status"] == (
        "approved"
    )
    assert client_as(UserFactory()).get("/api/auth/me/").json()["vendor_status"] is None
