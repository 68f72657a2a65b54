"""The sales reports in the Wagtail admin: a vendor's own, and the
marketplace's for admins. Wagtail ReportViews, so the table downloads as CSV
or XLSX with the admin's own buttons."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from accounts.roles import can_enter_admin
from analytics.periods import today
from analytics.selectors import (
    INTERVALS,
    ReportRange,
    marketplace_health,
    marketplace_sales_report,
    report_range_parse,
    vendor_sales_report,
)
from analytics.tables import HEADINGS, chart_data, row_values, table_fields


def _iso_period(period) -> str:
    return period.period.isoformat()


class SalesReportView(ReportView):
    template_name = "analytics/admin/sales_report.html"
    results_template_name = "analytics/admin/sales_report_results.html"
    header_icon = "table"
    paginate_by = None
    export_headings = HEADINGS
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not self.is_allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report_range(self) -> ReportRange:
        try:
            return report_range_parse(self.request.GET)
        except ValidationError as error:
            self.range_errors = [
                message
                for messages in error.message_dict.values()
                for message in messages
            ]
            last = today()
            return ReportRange(last - datetime.timedelta(days=29), last)

    range_errors: list[str] = []

    @cached_property
    def report(self):
        return self.build_report(self.report_range)

    @property
    def list_export(self):
        return table_fields(self.report)

    @property
    def columns(self):
        return [
            Column(
                name,
                label=HEADINGS[name],
                accessor=_iso_period if name == "period" else name,
            )
            for name in table_fields(self.report)
        ]

    def get_queryset(self):
        return self.report.series

    def get_filename(self):
        rng = self.report_range
        return f"{self.export_name}-{rng.first}-{rng.last}-{rng.interval}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rng = self.report_range
        context.update(
            report=self.report,
            chart=chart_data(self.report.series, self.report.currency),
            range_errors=self.range_errors,
            intervals=INTERVALS,
            presets=[
                ("7", "7 days"),
                ("30", "30 days"),
                ("90", "90 days"),
                ("year", "This year"),
            ],
            preset=self.request.GET.get("preset", ""),
            first=rng.first.isoformat(),
            last=rng.last.isoformat(),
            interval=rng.interval,
            report_url=reverse(self.index_url_name),
            table_headings=[HEADINGS[name] for name in table_fields(self.report)],
            table_rows=[
                row_values(period, table_fields(self.report))
                for period in self.report.series
            ],
        )
        return context


class VendorSalesReportView(SalesReportView):
    page_title = "Sales report"
    index_url_name = "analytics_reports:vendor"
    index_results_url_name = "analytics_reports:vendor_results"
    export_name = "sales"

    @staticmethod
    def is_allowed(user) -> bool:
        return can_enter_admin(user) and (user.is_vendor or user.is_admin)

    def build_report(self, report_range):
        return vendor_sales_report(user=self.request.user, report_range=report_range)


class MarketplaceSalesReportView(SalesReportView):
    page_title = "Marketplace report"
    index_url_name = "analytics_reports:marketplace"
    index_results_url_name = "analytics_reports:marketplace_results"
    export_name = "marketplace-sales"

    @staticmethod
    def is_allowed(user) -> bool:
        return user.is_authenticated and user.is_admin

    def build_report(self, report_range):
        return marketplace_sales_report(report_range=report_range)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["health"] = marketplace_health()
        return context
