"""The admins' Vendors screen: vendors, their stores, sales and status."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory, VendorFactory
from shop.tests.factories import order_for
from vendors.admin_vendors import VENDORS_PER_PAGE
from vendors.tests.factories import ProductPageFactory, StorePageFactory

VENDORS = reverse("vendors_admin:vendor_list")


@pytest.fixture
def marketplace(vendor, store, buyer):
    """`vendor` (Kiln Studio, live, two sales) and an inactive vendor whose one
    store is a draft and another is switched off."""
    mug = ProductPageFactory(store=store, title="Mug", price=Decimal("12.50"))
    order_for(buyer=buyer, items=[(mug, 2)])
    order_for(buyer=UserFactory(), items=[(mug, 1)])
    idle = VendorFactory(
        username="idle", first_name="Ida", last_name="Lee", is_active=False
    )
    StorePageFactory(vendor=idle, title="Draft Corner", publish=False)
    closed = StorePageFactory(vendor=idle, title="Closed Shop")
    closed.is_active = False
    closed.save_revision().publish()
    UserFactory(username="shopper")
    return {"vendor": vendor, "idle": idle}


def _rows(response) -> dict[str, object]:
    return {row.vendor.username: row for row in response.context["rows"]}


def test_admin_sees_vendors_with_their_stores_sales_and_status(
    admin_client, marketplace
):
    response = admin_client.get(VENDORS)

    rows = _rows(response)
    assert response.status_code == 200
    assert sorted(rows) == sorted([marketplace["vendor"].username, "idle"])
    active = rows[marketplace["vendor"].username]
    assert (active.sales.revenue, active.sales.orders) == (Decimal("37.50"), 2)
    assert [store.title for store in rows["idle"].stores] == [
        "Closed Shop",
        "Draft Corner",
    ]
    assert rows["idle"].live_store_count == 0
    html = response.content.decode()
    assert "$37.50" in html and "$0.00" in html
    assert "Draft" in html and "Inactive" in html and "Last login —" in html
    assert "0 of 2 open to buyers" in html
    table = html[html.index('<table class="listing') :]
    for raw in (">True<", ">False<", ">None<", " None<"):
        assert raw not in table


@pytest.mark.parametrize(
    ("query", "expected"),
    [("closed", ["idle"]), ("IDA", ["idle"]), ("idle@example", ["idle"])],
)
def test_admin_searches_vendors_by_name_email_or_store(
    admin_client, marketplace, query, expected
):
    response = admin_client.get(VENDORS, {"q": query})

    assert sorted(_rows(response)) == expected


def test_a_search_that_matches_nothing_says_so(admin_client, marketplace):
    response = admin_client.get(VENDORS, {"q": "nobody-like-this"})

    assert response.status_code == 200
    assert "No vendor matches “nobody-like-this”." in response.content.decode()


@pytest.mark.parametrize(
    ("page", "expected"), [("1", VENDORS_PER_PAGE), ("2", 3), ("junk", 25), ("9", 3)]
)
def test_the_list_is_paginated(admin_client, db, page, expected):
    for n in range(VENDORS_PER_PAGE + 3):
        VendorFactory(username=f"v{n:02d}")

    response = admin_client.get(VENDORS, {"p": page})

    assert len(response.context["rows"]) == expected


def test_vendors_and_buyers_cannot_see_the_screen(vendor_client, marketplace, buyer):
    buyer_client = Client()
    buyer_client.force_login(buyer)

    vendor_answer = vendor_client.get(VENDORS)
    buyer_answer = buyer_client.get(VENDORS)
    vendor_home = vendor_client.get(reverse("wagtailadmin_home")).content.decode()

    # The admin's deny-by-default guard (vendors.admin_routes): not in the
    # vendor table, so a 404 for everyone but admins, as for a missing page.
    assert vendor_answer.status_code == 404
    assert buyer_answer.status_code == 404
    assert f'"url": "{VENDORS}"' not in vendor_home


def test_the_menu_leads_admins_to_the_screen(admin_client, db):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert f'"url": "{VENDORS}"' in html


def _add_vendors(count: int, *, buyer) -> None:
    for n in range(count):
        vendor = VendorFactory()
        store = StorePageFactory(vendor=vendor, publish=n % 2 == 0)
        if n % 5 == 0 and store.live:
            product = ProductPageFactory(store=store)
            order_for(buyer=buyer, items=[(product, 1)])


def _queries(client) -> int:
    client.get(VENDORS)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(VENDORS)
    assert response.status_code == 200
    return len(queries)


def test_the_screen_runs_as_many_queries_for_50_vendors_as_for_5(
    admin_client, buyer, store_index, django_assert_max_num_queries
):
    _add_vendors(5, buyer=buyer)
    few = _queries(admin_client)
    _add_vendors(45, buyer=buyer)

    with django_assert_max_num_queries(few):
        response = admin_client.get(VENDORS, {"p": "2"})

    assert len(response.context["rows"]) == 50 - VENDORS_PER_PAGE
