"""The columns of a sales report's table, shared by the admin's table, its
spreadsheet export and the API's CSV, so they say the same."""

from analytics.selectors import Period, SalesReport

FIELDS = [
    "period",
    "revenue",
    "orders",
    "units",
    "commission",
    "net",
    "refunds",
    "views",
    "add_to_carts",
]
MARKETPLACE_FIELDS = [*FIELDS, "sessions", "conversion"]
HEADINGS = {
    "period": "Period",
    "revenue": "Revenue",
    "orders": "Orders",
    "units": "Units",
    "commission": "Commission",
    "net": "Net",
    "refunds": "Refunds",
    "views": "Product views",
    "add_to_carts": "Add-to-carts",
    "sessions": "Sessions viewing",
    "conversion": "Conversion %",
}


def table_fields(report: SalesReport) -> list[str]:
    return MARKETPLACE_FIELDS if report.is_marketplace else FIELDS


def row_values(period: Period, fields: list[str]) -> list[str]:
    values = []
    for name in fields:
        value = getattr(period, name)
        values.append("" if value is None else str(value))
    return values


def chart_data(series: list[Period], currency: str) -> dict:
    """What static/js/reports.js draws: money as strings (Decimal, exact)."""
    return {
        "currency": currency,
        "labels": [period.period.isoformat() for period in series],
        "revenue": [str(period.revenue) for period in series],
        "orders": [period.orders for period in series],
    }
