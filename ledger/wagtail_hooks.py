from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ledger import admin_views


@hooks.register("register_admin_urls")
def register_ledger_admin_urls():
    urls = [
        path("earnings/", admin_views.earnings, name="earnings"),
        path(
            "earnings/statements/<int:year>/<int:month>/",
            admin_views.statement,
            name="statement",
        ),
        path(
            "earnings/statements/<int:year>/<int:month>/csv/",
            admin_views.statement_csv,
            name="statement_csv",
        ),
        path("payouts/", admin_views.payout_list, name="payout_list"),
        path("payouts/<int:payout_id>/", admin_views.payout_detail, name="payout"),
    ]
    return [path("money/", include((urls, "ledger_admin"), namespace="ledger_admin"))]


class VendorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor


class AdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_admin


@hooks.register("register_admin_menu_item")
def register_earnings_menu_item():
    return VendorMenuItem(
        "Earnings", reverse("ledger_admin:earnings"), icon_name="doc-full", order=170
    )


@hooks.register("register_admin_menu_item")
def register_payouts_menu_item():
    return AdminMenuItem(
        "Payouts", reverse("ledger_admin:payout_list"), icon_name="doc-full", order=710
    )
