import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest

from analytics.periods import today


@pytest.fixture
def vendor_api(api_client, vendor):
    api_client.force_authenticate(vendor)
    return api_client


def test_vendor_report_counts_only_the_vendors_own_stores(vendor_api, sales):
    response = vendor_api.get("/api/vendor/reports/sales/")

    assert response.status_code == 200
    body = response.json()
    assert body["totals"]["revenue"] == "85.00"  # 2 × 12.50 + 2 × 30.00
    assert body["totals"]["orders"] == 2
    assert body["totals"]["units"] == 4
    assert len(body["series"]) == 30
    assert body["series"][-1]["period"] == today().isoformat()
    assert body["series"][-1]["revenue"] == "85.00"
    assert [p["name"] for p in body["top_products"]] == ["Bowl", "Mug"]


def test_another_vendor_sees_only_theirs(api_client, other_vendor, sales):
    api_client.force_authenticate(other_vendor)

    body = api_client.get("/api/vendor/reports/sales/").json()

    assert body["totals"]["revenue"] == "45.99"
    assert body["totals"]["orders"] == 1
    assert [p["name"] for p in body["top_products"]] == ["Scarf"]


def test_a_buyer_gets_no_report(api_client, buyer):
    api_client.force_authenticate(buyer)

    assert api_client.get("/api/vendor/reports/sales/").status_code == 403
    assert api_client.get("/api/admin/reports/sales/").status_code == 403


def test_a_vendor_gets_no_marketplace_report(vendor_api):
    assert vendor_api.get("/api/admin/reports/sales/").status_code == 403


def test_admin_report_has_the_marketplace_and_each_vendor(
    api_client, admin_user, sales, vendor, other_vendor
):
    api_client.force_authenticate(admin_user)

    body = api_client.get("/api/admin/reports/sales/?interval=month").json()

    assert body["totals"]["revenue"] == "130.99"
    assert body["totals"]["orders"] == 2  # orders, not store parts
    assert [(v["vendor"], v["revenue"], v["orders"]) for v in body["by_vendor"]] == [
        (vendor.username, "85.00", 2),
        (other_vendor.username, "45.99", 1),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13-01",
        "to=yesterday",
        "from=2025-01-01&to=2026-01-02",  # 367 days
        "from=2026-02-01&to=2026-01-01",
        "interval=hour",
        "to=",  # given but empty (found by Schemathesis: answered 200)
        "interval=",
    ],
)
@pytest.mark.parametrize("fmt", ["", "&format=csv"])
def test_bad_ranges_are_refused(vendor_api, query, fmt):
    response = vendor_api.get(f"/api/vendor/reports/sales/?{query}{fmt}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url", ["/api/vendor/reports/sales/", "/api/admin/reports/sales/"]
)
def test_an_unknown_format_is_bad_input_not_a_404(vendor_api, admin_user, url):
    # Found by Schemathesis: DRF answered ?format=AAA with a bare 404.
    vendor_api.force_authenticate(admin_user)
    response = vendor_api.get(f"{url}?format=AAA")

    assert response.status_code == 400
    assert "format" in response.json()


def test_a_366_day_range_is_allowed(vendor_api):
    response = vendor_api.get(
        "/api/vendor/reports/sales/?from=2024-01-01&to=2024-12-31"
    )

    assert response.status_code == 200
    assert len(response.json()["series"]) == 366


def test_csv_has_one_row_per_period_matching_the_json(vendor_api, sales):
    last = today()
    first = last - timedelta(days=6)
    query = f"from={first}&to={last}&interval=day"

    body = vendor_api.get(f"/api/vendor/reports/sales/?{query}").json()
    response = vendor_api.get(f"/api/vendor/reports/sales/?{query}&format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Period", "Revenue", "Orders", "Units"]
    assert [(r[0], r[1], int(r[2]), int(r[3])) for r in rows[1:]] == [
        (p["period"], p["revenue"], p["orders"], p["units"]) for p in body["series"]
    ]
    assert sum(Decimal(r[1]) for r in rows[1:]) == Decimal(body["totals"]["revenue"])


def _queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url"),
    [("vendor", "/api/vendor/reports/sales/"), ("admin", "/api/admin/reports/sales/")],
)
def test_queries_do_not_grow_with_the_range(
    api_client, vendor, admin_user, sales, who, url, django_assert_max_num_queries
):
    api_client.force_authenticate(vendor if who == "vendor" else admin_user)
    last = today()
    one_day = f"{url}?from={last}&to={last}"
    year = f"{url}?from={last - timedelta(days=364)}&to={last}"

    counts = {
        _queries(api_client, one_day, None),
        _queries(api_client, year, None),
        _queries(api_client, year + "&format=csv", None),
    }

    assert len(counts) == 1
    assert counts.pop() <= 8
