import csv
import io

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics.selectors import (
    marketplace_sales_report,
    report_range_parse,
    vendor_sales_report,
)
from analytics.tables import HEADINGS, row_values, table_fields
from api.analytics.serializers import MarketplaceReportOutput, SalesReportOutput
from api.permissions import IsMarketplaceAdmin, IsVendorOrAdmin
from api.schema import errors

TAGS = ["reports"]
PARAMETERS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        description="First day (default: 29 days before `to`).",
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        description="Last day (default: today), at most 366 days after `from`.",
    ),
    OpenApiParameter(
        "interval",
        str,
        enum=["day", "week", "month"],
        description="One row per day (default), week or month.",
    ),
    OpenApiParameter(
        "format",
        str,
        enum=["json", "csv"],
        description="csv: the series as text/csv, one row per period.",
    ),
]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.writer(out)
        for row in data:
            writer.writerow(row)
        return out.getvalue().encode("utf-8")


class _SalesReportView(APIView):
    renderer_classes = [JSONRenderer, CSVRenderer]
    output_class = SalesReportOutput

    def perform_content_negotiation(self, request, force=False):
        # DRF answers an unknown ?format= with a bare 404; it is bad input here.
        try:
            return super().perform_content_negotiation(request, force=force)
        except Http404:
            raise ValidationError({"format": "Choose json or csv."}) from None

    def get(self, request):
        # The admin's form may send empty fields (its defaults); the API asks
        # for a value when a parameter is given at all.
        for name in ("from", "to", "interval"):
            if name in request.query_params and not request.query_params[name]:
                raise ValidationError({name: "Give a value or leave it out."})
        report = self.build(report_range_parse(request.query_params))
        if request.accepted_renderer.format == "csv":
            fields = table_fields(report)
            rows = [[HEADINGS[name] for name in fields]]
            rows += [row_values(period, fields) for period in report.series]
            rng = report.range
            return Response(
                rows,
                headers={
                    "Content-Disposition": f'attachment; filename="{self.csv_name}-'
                    f'{rng.first}-{rng.last}-{rng.interval}.csv"'
                },
            )
        return Response(self.output_class(report).data)

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors answer JSON, as everywhere in the API, even when CSV was asked.
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


@extend_schema(
    tags=TAGS,
    summary="Your stores' sales over a date range",
    parameters=PARAMETERS,
    responses={
        (200, "application/json"): SalesReportOutput,
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        **errors(400, 401, 403, 429),
    },
)
class VendorSalesReportView(_SalesReportView):
    permission_classes = [IsVendorOrAdmin]
    csv_name = "sales"

    def build(self, report_range):
        return vendor_sales_report(user=self.request.user, report_range=report_range)


@extend_schema(
    tags=TAGS,
    summary="The marketplace's sales over a date range, with each vendor's totals",
    parameters=PARAMETERS,
    responses={
        (200, "application/json"): MarketplaceReportOutput,
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        **errors(400, 401, 403, 429),
    },
)
class MarketplaceSalesReportView(_SalesReportView):
    permission_classes = [IsMarketplaceAdmin]
    output_class = MarketplaceReportOutput
    csv_name = "marketplace-sales"

    def build(self, report_range):
        return marketplace_sales_report(report_range=report_range)
