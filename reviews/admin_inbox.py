"""The vendor's review inbox in the Wagtail admin: their stores' reviews that
nobody has answered yet, each with a reply form. A review of another vendor's
store is a 404, as in the API."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from reviews import admin_display as display
from reviews.exceptions import ReviewAlreadyReplied
from reviews.forms import ReplyForm
from reviews.models import REPLY_MAX_LENGTH, Review
from reviews.selectors import reviews_answerable_by, reviews_awaiting_reply
from reviews.services import review_reply_create
from vendors.selectors import page_of

INBOX_PER_PAGE = 20
# The largest primary key the databases store; a larger one names nothing.
MAX_ID = 2**63 - 1


def _seller_check(user) -> None:
    if not (user.is_vendor or user.is_admin):
        raise PermissionDenied


def _card(review: Review) -> dict:
    return {
        "review": review,
        "author": display.person_display(review.user),
        "stars": display.stars_display(review.rating),
        "written": display.datetime_display(review.created_at),
        "verified": display.verified_display(review),
        "comment": display.text_display(review.comment),
    }


def inbox(request):
    _seller_check(request.user)
    reviews = page_of(
        reviews_awaiting_reply(user=request.user),
        number=request.GET.get("p"),
        per_page=INBOX_PER_PAGE,
    )
    return TemplateResponse(
        request,
        "reviews/admin/inbox.html",
        {
            "reviews": reviews,
            "cards": [_card(review) for review in reviews],
            "reply_max_length": REPLY_MAX_LENGTH,
            "page_title": "Review inbox",
            "header_icon": "comment",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, review_id: int):
    """The reply form for one review (GET), and the reply itself (POST); a bad
    reply comes back here with the reason and a 400."""
    _seller_check(request.user)
    if not 0 < review_id <= MAX_ID:
        raise Http404
    review = get_object_or_404(
        reviews_answerable_by(user=request.user).select_related("reply"),
        pk=review_id,
    )
    if hasattr(review, "reply"):
        messages.info(request, "This review already has a reply.")
        return redirect("review_inbox:index")
    form = ReplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                review_reply_create(
                    review=review, user=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ReviewAlreadyReplied:
                messages.info(request, "This review already has a reply.")
                return redirect("review_inbox:index")
            else:
                messages.success(
                    request,
                    f"Your reply to {display.person_display(review.user)} "
                    f"is published on “{review.product.title}”.",
                )
                return redirect("review_inbox:index")
        status = 400
    return TemplateResponse(
        request,
        "reviews/admin/reply.html",
        {
            "card": _card(review),
            "form": form,
            "page_title": "Reply to a review",
            "page_subtitle": review.product.title,
            "header_icon": "comment",
        },
        status=status,
    )
