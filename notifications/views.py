from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts.roles import can_enter_admin
from api.fields import is_valid_id
from notifications.emails import unsubscribe_token_read
from notifications.kinds import AUDIENCES, BUYER, KINDS, VENDOR, kinds_for
from notifications.selectors import (
    email_preferences_of,
    notifications_of,
    unread_count,
)
from notifications.services import (
    email_preferences_update,
    email_unsubscribe,
    notification_mark_read,
    notifications_mark_all_read,
)
from vendors.selectors import page_of

PER_PAGE = 20


@require_safe
@login_required
def notification_list(request):
    page = page_of(
        notifications_of(user=request.user),
        number=request.GET.get("page"),
        per_page=PER_PAGE,
    )
    return render(
        request,
        "notifications/list.html",
        {"notifications": page, "unread": unread_count(user=request.user)},
    )


@require_safe
@login_required
def notification_open(request, notification_id: str):
    """Mark it read and go to what it is about."""
    if not is_valid_id(notification_id):
        raise Http404("No such notification.")
    notification = notification_mark_read(
        user=request.user, notification_id=notification_id
    )
    if notification is None:
        raise Http404("No such notification.")
    if not url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect("notifications:list")
    return redirect(notification.url)


@require_POST
@login_required
def notification_read(request, notification_id: str):
    if not is_valid_id(notification_id) or not notification_mark_read(
        user=request.user, notification_id=notification_id
    ):
        raise Http404("No such notification.")
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request):
    updated = notifications_mark_all_read(user=request.user)
    messages.success(
        request, f"{updated} notification{'s' if updated != 1 else ''} marked read."
    )
    return redirect("notifications:list")


def _audiences_for(user) -> list[str]:
    # Vendors and admins sell as well as buy; buyers see their own kinds only.
    return [BUYER, VENDOR] if can_enter_admin(user) else [BUYER]


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request):
    audiences = _audiences_for(request.user)
    if request.method == "POST":
        shown = [kind.key for audience in audiences for kind in kinds_for(audience)]
        email_preferences_update(
            user=request.user,
            email={kind: f"email_{kind}" in request.POST for kind in shown},
        )
        messages.success(request, "Your e-mail preferences are saved.")
        return redirect("notifications:preferences")
    chosen = email_preferences_of(user=request.user)
    groups = [
        {
            "label": AUDIENCES[audience],
            "kinds": [
                {"key": kind.key, "label": kind.label, "email": chosen[kind.key]}
                for kind in kinds_for(audience)
            ],
        }
        for audience in audiences
    ]
    return render(request, "notifications/preferences.html", {"groups": groups})


@csrf_exempt  # By design: mail clients POST here (RFC 8058), with no session.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """The link in a non-transactional e-mail: GET asks, POST switches that kind
    of e-mail off. The signed token names the user and the kind."""
    found = unsubscribe_token_read(token)
    if found is None:
        return render(
            request, "notifications/unsubscribe.html", {"invalid": True}, status=400
        )
    user_id, kind = found
    done = False
    if request.method == "POST":
        done = email_unsubscribe(user_id=user_id, kind=kind)
        if not done:
            return render(
                request,
                "notifications/unsubscribe.html",
                {"invalid": True},
                status=400,
            )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind": KINDS[kind], "done": done},
    )
