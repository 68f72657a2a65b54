import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analytics.periods import today

VENDOR_URL = "/admin/analytics/sales/"
MARKET_URL = "/admin/analytics/marketplace/"


def test_vendor_sees_their_report_with_chart_and_table(vendor_client, sales):
    response = vendor_client.get(VENDOR_URL + "?preset=7")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-total="revenue">85.00' in html
    assert 'id="sales-chart"' in html
    assert 'id="sales-chart-data" type="application/json"' in html
    assert "build/chart.umd.min.js" in html
    assert "Scarf" not in html  # the other vendor's product
    assert len(response.context["report"].series) == 7


def test_vendor_may_not_open_the_marketplace_report(vendor_client):
    assert vendor_client.get(MARKET_URL).status_code == 404  # vendors.admin_routes


def test_buyer_opens_no_report(client, buyer):
    client.force_login(buyer)

    assert client.get(VENDOR_URL).status_code in (302, 403, 404)
    assert client.get(MARKET_URL).status_code in (302, 403, 404)


def test_admin_report_has_vendors_and_health(admin_client, sales, vendor):
    response = admin_client.get(MARKET_URL + "?preset=30&interval=week")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-total="revenue">130.99' in html
    assert "Sales by vendor" in html and vendor.username in html
    assert 'data-health="tasks_failed"' in html


def test_a_bad_range_shows_a_message_and_the_last_30_days(vendor_client):
    response = vendor_client.get(VENDOR_URL + "?from=2026-01-01&to=2027-06-01")

    assert response.status_code == 200
    assert "A range is at most 366 days." in response.content.decode()
    assert len(response.context["report"].series) == 30


def test_the_csv_export_matches_the_table_and_the_api(vendor_client, sales):
    last = today()
    query = f"from={last - timedelta(days=13)}&to={last}&interval=week"

    page = vendor_client.get(f"{VENDOR_URL}?{query}")
    exported = vendor_client.get(f"{VENDOR_URL}?{query}&export=csv")
    api = vendor_client.get(f"/api/vendor/reports/sales/?{query}&format=csv")

    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert rows == list(csv.reader(io.StringIO(api.content.decode())))
    table = [
        [str(getattr(period, name)) for name in ("period", "revenue", "orders")]
        for period in page.context["report"].series
    ]
    assert [row[:3] for row in rows[1:]] == table
    html = page.content.decode()
    for period, revenue, _orders in table:
        assert period in html and revenue in html


@pytest.mark.parametrize("url", [VENDOR_URL, MARKET_URL])
def test_report_pages_run_the_same_queries_for_a_day_or_a_year(
    admin_client, sales, url
):
    last = today()
    counts = []
    for first in (last, last - timedelta(days=364)):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(f"{url}?from={first}&to={last}").status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_dashboard_shows_the_sparkline(vendor_client, sales):
    response = vendor_client.get("/admin/")

    html = response.content.decode()
    assert 'id="sales-sparkline"' in html
    assert "<td>85.00</td>" in html
