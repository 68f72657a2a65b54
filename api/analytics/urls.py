from django.urls import path

from api.analytics import views

urlpatterns = [
    path(
        "vendor/reports/sales/",
        views.VendorSalesReportView.as_view(),
        name="vendor-sales-report",
    ),
    path(
        "admin/reports/sales/",
        views.MarketplaceSalesReportView.as_view(),
        name="admin-sales-report",
    ),
]
