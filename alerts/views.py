from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from alerts.models import Alert
from alerts.selectors import alerts_of
from alerts.services import alert_cancel, alert_create
from api.fields import is_valid_id
from shop.views.messages import SERVICE_ERRORS, error_message
from vendors.selectors import page_of, products_visible

PER_PAGE = 20


def _next(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_POST
def alert_create_view(request):
    """ "Tell me when it's back" / "tell me if the price drops" forms."""
    back = _next(request)
    if not request.user.is_authenticated:
        messages.info(request, "Sign in, then ask again: we tell you by notification.")
        return redirect_to_login(back or request.path)
    product_id = request.POST.get("product", "")
    product = (
        products_visible().filter(pk=product_id).first()
        if is_valid_id(product_id)
        else None
    )
    if product is None:
        messages.error(request, "No such product.")
        return redirect(back or "alerts:list")
    try:
        alert, created = alert_create(
            user=request.user,
            product=product,
            kind=request.POST.get("kind", ""),
            target_price=request.POST.get("target_price") or None,
        )
    except SERVICE_ERRORS as error:
        messages.error(request, error_message(error))
        return redirect(back or "alerts:list")
    if alert.kind == Alert.Kind.BACK_IN_STOCK:
        text = f"We will tell you when “{product.title}” is back in stock."
    elif alert.target_price:
        text = (
            f"We will tell you when “{product.title}” costs "
            f"{alert.target_price} or less."
        )
    else:
        text = f"We will tell you when the price of “{product.title}” drops."
    messages.success(request, text if created else text + " (You had asked already.)")
    return redirect(back or "alerts:list")


@require_safe
@login_required
def alert_list(request):
    status = request.GET.get("status", "")
    if status not in Alert.Status.values:
        status = ""
    page = page_of(
        alerts_of(user=request.user, status=status or None),
        number=request.GET.get("page"),
        per_page=PER_PAGE,
    )
    return render(
        request,
        "alerts/alert_list.html",
        {"alerts": page, "status": status, "statuses": Alert.Status.choices},
    )


@require_POST
@login_required
def alert_cancel_view(request, alert_id: str):
    if not is_valid_id(alert_id):
        raise Http404("No such alert.")
    alert = alert_cancel(user=request.user, alert_id=int(alert_id))
    if alert is None:
        raise Http404("No such alert.")
    messages.success(request, f"Alert for “{alert.product.title}” cancelled.")
    return redirect(_next(request) or "alerts:list")
