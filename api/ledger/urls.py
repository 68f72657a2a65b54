from django.urls import path

from api.ledger import views

urlpatterns = [
    path("vendor/balance/", views.VendorBalanceView.as_view(), name="vendor-balance"),
    path("vendor/ledger/", views.VendorLedgerView.as_view(), name="vendor-ledger"),
    path(
        "vendor/payouts/",
        views.VendorPayoutListView.as_view(),
        name="vendor-payout-list",
    ),
]
