"""Vendor applications in the Wagtail admin: a vendor's own application and
status; the admins' listing, with approve, reject, suspend and reinstate."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from accounts.models import User
from accounts.roles import is_marketplace_admin, is_vendor
from ledger.selectors import vendor_balance
from vendor_accounts.forms import (
    CommissionRateForm,
    VendorApplicationForm,
    VendorDecisionForm,
)
from vendor_accounts.selectors import (
    commission_rate_default,
    vendor_applications,
    vendor_status_history,
)
from vendor_accounts.services import (
    TRANSITIONS,
    vendor_account_open,
    vendor_application_save,
    vendor_commission_rate_set,
    vendor_status_set,
)
from vendors.selectors import page_of

PER_PAGE = 25
DONE = {
    "approved": "approved",
    "rejected": "rejected",
    "suspended": "suspended",
}


@require_http_methods(["GET", "HEAD", "POST"])
def application(request):
    """The vendor's application and the standing of their account."""
    vendor = request.user
    if not is_vendor(vendor):
        raise PermissionDenied
    account = vendor_account_open(vendor=vendor)
    form = VendorApplicationForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            vendor_application_save(
                vendor=vendor,
                actor=vendor,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your application is saved.")
            return redirect("vendor_accounts_admin:application")
    return TemplateResponse(
        request,
        "vendor_accounts/admin/application.html",
        {
            "form": form,
            "vendor": vendor,
            "history": vendor_status_history(vendor=vendor)[:5],
            "page_title": "Your vendor account",
            "header_icon": "user",
        },
    )


def vendor_account_list(request):
    if not is_marketplace_admin(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    vendors = vendor_applications(status=status, query=request.GET.get("q", ""))
    return TemplateResponse(
        request,
        "vendor_accounts/admin/vendor_account_list.html",
        {
            "vendors": page_of(vendors, number=request.GET.get("p"), per_page=PER_PAGE),
            "status": status,
            "statuses": User.VendorStatus.choices,
            "query": request.GET.get("q", ""),
            "page_title": "Vendor applications",
            "header_icon": "group",
        },
    )


def _commission_percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else (rate * 100).normalize()


@require_http_methods(["GET", "HEAD", "POST"])
def vendor_account_detail(request, vendor_id: int):
    if not is_marketplace_admin(request.user):
        raise PermissionDenied
    vendor = get_object_or_404(User, pk=vendor_id, role=User.Role.VENDOR)
    account = vendor_account_open(vendor=vendor)
    action = request.POST.get("action")
    decision = VendorDecisionForm(request.POST if action == "decide" else None)
    commission = CommissionRateForm(
        request.POST if action == "commission" else None,
        initial={"commission_percent": _commission_percent(account.commission_rate)},
    )
    if request.method == "POST":
        try:
            if action == "decide" and decision.is_valid():
                vendor_status_set(
                    vendor=vendor,
                    to_status=decision.cleaned_data["to_status"],
                    actor=request.user,
                    reason=decision.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    f"{vendor.username}'s account is "
                    f"{DONE[decision.cleaned_data['to_status']]}; they are told.",
                )
                return redirect("vendor_accounts_admin:detail", vendor.pk)
            if action == "commission" and commission.is_valid():
                percent = commission.cleaned_data["commission_percent"]
                vendor_commission_rate_set(
                    vendor=vendor,
                    actor=request.user,
                    rate=None if percent is None else percent / 100,
                )
                messages.success(request, "Commission rate saved.")
                return redirect("vendor_accounts_admin:detail", vendor.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    vendor.refresh_from_db()
    return TemplateResponse(
        request,
        "vendor_accounts/admin/vendor_account_detail.html",
        {
            "vendor": vendor,
            "account": account,
            "moves": sorted(TRANSITIONS.get(vendor.vendor_status, ())),
            "decision": decision,
            "commission": commission,
            "default_rate_percent": _commission_percent(commission_rate_default()),
            "history": vendor_status_history(vendor=vendor),
            "balance": vendor_balance(vendor=vendor),
            "stores": vendor.stores.order_by("title"),
            "page_title": f"Vendor {vendor.username}",
            "header_icon": "group",
        },
    )
