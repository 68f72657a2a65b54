from datetime import timedelta

from django.conf import settings
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from analytics import views
from analytics.periods import today
from analytics.selectors import ReportRange, marketplace_series, vendor_series
from analytics.tables import chart_data

SPARKLINE_DAYS = 30


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("sales/", views.VendorSalesReportView.as_view(), name="vendor"),
        path(
            "sales/results/",
            views.VendorSalesReportView.as_view(results_only=True),
            name="vendor_results",
        ),
        path(
            "marketplace/",
            views.MarketplaceSalesReportView.as_view(),
            name="marketplace",
        ),
        path(
            "marketplace/results/",
            views.MarketplaceSalesReportView.as_view(results_only=True),
            name="marketplace_results",
        ),
    ]
    return [
        path(
            "analytics/",
            include((urls, "analytics_reports"), namespace="analytics_reports"),
        )
    ]


class _ReportMenuItem(MenuItem):
    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)


@hooks.register("register_admin_menu_item")
def register_sales_report_menu_item():
    return _ReportMenuItem(
        "Sales report",
        reverse("analytics_reports:vendor"),
        icon_name="table",
        order=165,
        allowed=views.VendorSalesReportView.is_allowed,
    )


@hooks.register("register_reports_menu_item")
def register_marketplace_report_menu_item():
    return _ReportMenuItem(
        "Marketplace sales",
        reverse("analytics_reports:marketplace"),
        icon_name="table",
        order=50,
        allowed=views.MarketplaceSalesReportView.is_allowed,
    )


class SparklinePanel(Component):
    name = "sales_sparkline"
    order = 51
    template_name = "analytics/admin/sparkline_panel.html"

    def __init__(self, *, series, currency, report_url):
        self.series = series
        self.currency = currency
        self.report_url = report_url

    def get_context_data(self, parent_context):
        return {
            "days": len(self.series),
            "series": self.series,
            "total": sum((period.revenue for period in self.series), start=0),
            "currency": self.currency,
            "report_url": self.report_url,
            "chart": chart_data(self.series, self.currency),
        }


@hooks.register("construct_homepage_panels")
def add_sparkline_panel(request, panels):
    user = request.user
    if not views.VendorSalesReportView.is_allowed(user):
        return
    last = today()
    report_range = ReportRange(last - timedelta(days=SPARKLINE_DAYS - 1), last)
    if user.is_admin:
        series = marketplace_series(report_range)
        url = reverse("analytics_reports:marketplace")
    else:
        series = vendor_series(user=user, report_range=report_range)
        url = reverse("analytics_reports:vendor")
    panels.append(
        SparklinePanel(series=series, currency=settings.CURRENCY, report_url=url)
    )
