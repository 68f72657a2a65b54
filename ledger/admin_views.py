"""Vendors' money in the Wagtail admin: a vendor's earnings (balance, payouts,
ledger, monthly statements), and the admins' payout requests."""

import csv
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from accounts.roles import is_marketplace_admin, is_vendor
from ledger.forms import PayoutPaidForm, PayoutRejectForm, PayoutRequestForm
from ledger.models import Payout
from ledger.selectors import (
    ledger_entries_for,
    payout_open_of,
    payouts_for,
    payouts_for_admin,
    statement_for,
    statement_months,
    vendor_balance,
)
from ledger.services import payout_mark_paid, payout_reject, payout_request
from vendors.selectors import page_of

ENTRIES_PER_PAGE = 25
PAYOUTS_PER_PAGE = 25


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "HEAD", "POST"])
def earnings(request):
    """The vendor's balance, payout request, payouts, ledger and statements."""
    vendor = request.user
    if not is_vendor(vendor):
        raise PermissionDenied
    form = PayoutRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payout = payout_request(
                vendor=vendor, actor=vendor, amount=form.cleaned_data["amount"]
            )
        except ValidationError as error:
            form.add_error("amount", _error_text(error))
        else:
            messages.success(
                request,
                f"Payout of {payout.amount} {payout.currency} requested. "
                "We tell you when it is paid.",
            )
            return redirect("ledger_admin:earnings")
    return TemplateResponse(
        request,
        "ledger/admin/earnings.html",
        {
            "balance": vendor_balance(vendor=vendor),
            "open_payout": payout_open_of(vendor=vendor),
            "form": form,
            "payouts": payouts_for(user=vendor)[:10],
            "entries": page_of(
                ledger_entries_for(user=vendor),
                number=request.GET.get("p"),
                per_page=ENTRIES_PER_PAGE,
            ),
            "months": statement_months(vendor=vendor),
            "page_title": "Earnings",
            "header_icon": "doc-full",
        },
    )


def _statement(request, year: int, month: int):
    if not is_vendor(request.user):
        raise PermissionDenied
    if not (1 <= month <= 12 and 2000 <= year <= 9999):
        raise Http404("No such month.")
    return statement_for(vendor=request.user, month=date(year, month, 1))


def statement(request, year: int, month: int):
    statement = _statement(request, year, month)
    return TemplateResponse(
        request,
        "ledger/admin/statement.html",
        {
            "statement": statement,
            "csv_url": reverse("ledger_admin:statement_csv", args=[year, month]),
            "page_title": f"Statement {statement.month:%B %Y}",
            "header_icon": "doc-full",
        },
    )


def statement_csv(request, year: int, month: int):
    statement = _statement(request, year, month)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statement-{statement.month:%Y-%m}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["date", "kind", "order", "memo", "amount", "balance"])
    writer.writerow(["", "opening balance", "", "", "", statement.opening])
    running = statement.opening
    for entry in statement.entries:
        running += entry.amount
        writer.writerow(
            [
                entry.created_at.isoformat(),
                entry.kind,
                entry.order_number,
                # A spreadsheet runs a cell that starts with = + - @ as a formula.
                entry.memo.lstrip("=+-@\t\r"),
                entry.amount,
                running,
            ]
        )
    writer.writerow(["", "closing balance", "", "", "", statement.closing])
    return response


def payout_list(request):
    if not is_marketplace_admin(request.user):
        raise PermissionDenied
    status = request.GET.get("status", Payout.Status.REQUESTED)
    return TemplateResponse(
        request,
        "ledger/admin/payout_list.html",
        {
            "payouts": page_of(
                payouts_for_admin(status=status),
                number=request.GET.get("p"),
                per_page=PAYOUTS_PER_PAGE,
            ),
            "status": status,
            "statuses": Payout.Status.choices,
            "page_title": "Payouts",
            "header_icon": "doc-full",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def payout_detail(request, payout_id: int):
    if not is_marketplace_admin(request.user):
        raise PermissionDenied
    payout = get_object_or_404(payouts_for_admin(), pk=payout_id)
    paid_form = PayoutPaidForm(
        request.POST if request.POST.get("action") == "paid" else None
    )
    reject_form = PayoutRejectForm(
        request.POST if request.POST.get("action") == "reject" else None
    )
    if request.method == "POST":
        form = paid_form if request.POST.get("action") == "paid" else reject_form
        if form.is_valid():
            try:
                if form is paid_form:
                    payout_mark_paid(
                        payout=payout,
                        actor=request.user,
                        reference=form.cleaned_data["reference"],
                    )
                    messages.success(request, f"Payout #{payout.pk} marked paid.")
                else:
                    payout_reject(
                        payout=payout,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, f"Payout #{payout.pk} rejected.")
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                return redirect("ledger_admin:payout_list")
    return TemplateResponse(
        request,
        "ledger/admin/payout_detail.html",
        {
            "payout": payout,
            "balance": vendor_balance(vendor=payout.vendor),
            "paid_form": paid_form,
            "reject_form": reject_form,
            "page_title": f"Payout #{payout.pk}",
            "header_icon": "doc-full",
        },
    )
