"""The product page's review forms: each posts here and comes back to the page
with a message, so everything works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from reviews.exceptions import ReviewError
from reviews.forms import ReplyForm, ReportForm, ReviewForm
from reviews.models import Review, ReviewReply
from reviews.selectors import review_of, reviews_visible
from reviews.services import (
    review_create,
    review_delete,
    review_reply_create,
    review_reply_update,
    review_report,
    review_update,
)
from vendors.models import ProductPage
from vendors.selectors import products_visible

# The largest primary key the databases store; a larger one names nothing.
MAX_ID = 2**63 - 1


def _object_or_404(queryset, pk: int):
    if not 0 < pk <= MAX_ID:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def _back_to(request, product: ProductPage):
    return redirect((product.get_url(request) or "/") + "#reviews")


def _form_error(request, form) -> None:
    errors = [error for field in form.errors.values() for error in field]
    messages.error(request, " ".join(errors))


def _service_error(request, error: ValidationError | ReviewError) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else error
    messages.error(request, str(text))


@login_required
@require_POST
def review_save(request, product_id: int):
    """Write the user's review of the product, or change the one they wrote."""
    product = _object_or_404(products_visible(), product_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return _back_to(request, product)
    own = review_of(user=request.user, product=product)
    try:
        if own is None:
            review_create(user=request.user, product=product, **form.cleaned_data)
            messages.success(request, "Thank you: your review is published.")
        else:
            review_update(review=own, user=request.user, **form.cleaned_data)
            messages.success(request, "Your review is updated.")
    except ValidationError as error:
        _service_error(request, error)
    return _back_to(request, product)


@login_required
@require_POST
def review_delete_view(request, review_id: int):
    review = _object_or_404(Review.objects.select_related("product"), review_id)
    review_delete(review=review, user=request.user)
    messages.success(request, "Your review is deleted.")
    return _back_to(request, review.product)


@login_required
@require_POST
def reply_save(request, review_id: int):
    """The vendor answers a review, or edits the answer."""
    review = _object_or_404(reviews_visible().select_related("product"), review_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return _back_to(request, review.product)
    reply = ReviewReply.objects.filter(review=review).first()
    try:
        if reply is None:
            review_reply_create(review=review, user=request.user, **form.cleaned_data)
            messages.success(request, "Your reply is published.")
        else:
            review_reply_update(reply=reply, user=request.user, **form.cleaned_data)
            messages.success(request, "Your reply is updated.")
    except (ValidationError, ReviewError) as error:
        _service_error(request, error)
    return _back_to(request, review.product)


@login_required
@require_POST
def report_create(request, review_id: int):
    review = _object_or_404(reviews_visible().select_related("product"), review_id)
    form = ReportForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return _back_to(request, review.product)
    try:
        review_report(review=review, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, "Thank you: a moderator will look at this review.")
    return _back_to(request, review.product)
