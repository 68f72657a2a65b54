"""The admins' Vendors screen: every vendor with their stores, recent sales
and status, searchable and paginated."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from accounts.models import User
from shop.selectors import NO_SALES, VendorSales, sales_by_vendor
from vendors.models import StorePage
from vendors.selectors import page_of, vendors_for_admin

VENDORS_PER_PAGE = 25
SALES_DAYS = 30
QUERY_MAX_LENGTH = 100


@dataclass(frozen=True)
class VendorRow:
    vendor: User
    stores: list[StorePage]
    sales: VendorSales

    @property
    def live_store_count(self) -> int:
        return sum(1 for store in self.stores if store.live and store.is_active)


def vendor_list(request):
    if not request.user.is_admin:
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    vendors = page_of(
        vendors_for_admin(query=query),
        number=request.GET.get("p"),
        per_page=VENDORS_PER_PAGE,
    )
    sales = sales_by_vendor(
        vendor_ids=[vendor.pk for vendor in vendors], days=SALES_DAYS
    )
    rows = [
        VendorRow(
            vendor=vendor,
            stores=list(vendor.stores.all()),
            sales=sales.get(vendor.pk, NO_SALES),
        )
        for vendor in vendors
    ]
    return TemplateResponse(
        request,
        "vendors/admin/vendor_list.html",
        {
            "vendors": vendors,
            "rows": rows,
            "query": query,
            "sales_days": SALES_DAYS,
            "page_title": "Vendors",
            "header_icon": "group",
        },
    )
