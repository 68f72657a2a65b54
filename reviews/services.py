"""Reviews, replies, reports and moderation, and the ratings they add up to.

Every change to a review recomputes its product's ProductRating in the same
transaction, with the rating row locked, so concurrent reviews queue on that
row and the last one to commit counts them all.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from notifications import events
from pagecache.generations import product_reviews_changed, products_changed
from reviews.exceptions import ReviewAlreadyReplied
from reviews.models import (
    COMMENT_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REPLY_MAX_LENGTH,
    REPORT_DETAILS_MAX_LENGTH,
    ProductRating,
    Review,
    ReviewReply,
    ReviewReport,
)
from reviews.selectors import (
    can_change_review,
    can_reply,
    has_paid_order_with,
    is_product_of_vendor,
    products_bought_by,
)
from vendors.models import ProductPage

RATING_MESSAGE = f"Choose a rating from {RATING_MIN} to {RATING_MAX} stars."
VALID_RATINGS = {str(stars) for stars in range(RATING_MIN, RATING_MAX + 1)}
DUPLICATE_MESSAGE = "You have already reviewed this product: edit your review instead."


def _rating_clean(value: int | str) -> int:
    """A whole number of stars; "4" from a form is fine, 4.5, True or "abc" not."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError({"rating": RATING_MESSAGE})
    text = str(value).strip()
    if text not in VALID_RATINGS:
        raise ValidationError({"rating": RATING_MESSAGE})
    return int(text)


def _text_clean(value: str | None, *, field: str, max_length: int) -> str:
    """Stripped text; a TextField's max_length binds forms only, so check it here."""
    if value is not None and not isinstance(value, str):
        raise ValidationError({field: "Text expected."})
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(
            {field: f"At most {max_length} characters (it has {len(text)})."}
        )
    return text


def _rating_writes_begin(*, product_id: int) -> None:
    """Lock the product's row before a review of it changes. Inserting a review
    takes a shared lock on the product (its foreign key) and the recompute then
    writes the product's rating copy: two writers holding the shared lock would
    deadlock (InnoDB) waiting to write. Taking the write lock first queues them."""
    list(
        ProductPage.objects.select_for_update()
        .filter(pk=product_id)
        .values_list("pk", flat=True)
    )


def product_rating_recompute(*, product_id: int) -> ProductRating:
    """Count the product's visible reviews again into its ProductRating.

    Call inside the transaction that changed a review: the rating row is locked
    until it commits.
    """
    ProductRating.objects.get_or_create(product_id=product_id)
    rating = ProductRating.objects.select_for_update().get(product_id=product_id)
    counts = dict(
        Review.objects.filter(product_id=product_id, is_hidden=False)
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    rating.count = sum(counts.values())
    for stars in range(RATING_MIN, RATING_MAX + 1):
        setattr(rating, f"count_{stars}", counts.get(stars, 0))
    if rating.count:
        total = sum(stars * n for stars, n in counts.items())
        rating.average = (Decimal(total) / rating.count).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    else:
        rating.average = None
    rating.save()
    # The product's own copy, which the catalogue sorts and filters by.
    ProductPage.objects.filter(pk=product_id).update(
        rating_average=rating.average or 0, rating_count=rating.count
    )
    products_changed(product_ids=[product_id])
    return rating


@transaction.atomic
def review_create(
    *, user: User, product: ProductPage, rating: int | str, comment: str = ""
) -> Review:
    """The user's review of the product; verified when they have bought it.

    Raises ValidationError for a rating outside 1–5, a comment too long, a
    second review of the same product, or a product of the user's own store.
    The store's vendor is notified (notifications.events) once it commits.
    """
    if is_product_of_vendor(product=product, user=user):
        raise ValidationError("You cannot review a product of your own store.")
    _rating_writes_begin(product_id=product.pk)
    if Review.objects.filter(user=user, product=product).exists():
        raise ValidationError(DUPLICATE_MESSAGE)
    review = Review(
        product=product,
        user=user,
        rating=_rating_clean(rating),
        comment=_text_clean(comment, field="comment", max_length=COMMENT_MAX_LENGTH),
        is_verified=has_paid_order_with(user_id=user.pk, product_id=product.pk),
    )
    review.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as error:
        # Another request of the same user got there first.
        raise ValidationError(DUPLICATE_MESSAGE) from error
    product_rating_recompute(product_id=product.pk)
    events.emit("review_received", review=review)
    return review


@transaction.atomic
def review_update(
    *,
    review: Review,
    user: User,
    rating: int | str | None = None,
    comment: str | None = None,
) -> Review:
    """The author (or an admin) changes the rating and/or the comment.

    Raises PermissionDenied for anyone else, ValidationError for bad values
    (and then changes nothing).
    """
    if not can_change_review(user=user, review=review):
        raise PermissionDenied("You can only edit your own review.")
    _rating_writes_begin(product_id=review.product_id)
    if rating is not None:
        review.rating = _rating_clean(rating)
    if comment is not None:
        review.comment = _text_clean(
            comment, field="comment", max_length=COMMENT_MAX_LENGTH
        )
    review.is_verified = has_paid_order_with(
        user_id=review.user_id, product_id=review.product_id
    )
    review.full_clean(validate_constraints=False)
    review.save()
    product_rating_recompute(product_id=review.product_id)
    return review


@transaction.atomic
def review_delete(*, review: Review, user: User) -> None:
    """The author (or an admin) deletes the review; PermissionDenied otherwise."""
    if not can_change_review(user=user, review=review):
        raise PermissionDenied("You can only delete your own review.")
    product_id = review.product_id
    _rating_writes_begin(product_id=product_id)
    review.delete()
    product_rating_recompute(product_id=product_id)


def review_verification_refresh(*, user_id: int, product_ids: list[int]) -> int:
    """Mark the user's reviews of these products verified exactly when they have
    a paid order with the product (a purchase after the review, or a refund);
    returns how many reviews changed."""
    bought = products_bought_by(user_id=user_id, product_ids=product_ids)
    mine = Review.objects.filter(user_id=user_id)
    changed = mine.filter(product_id__in=bought, is_verified=False).update(
        is_verified=True
    )
    not_bought = set(product_ids) - bought
    changed += mine.filter(product_id__in=not_bought, is_verified=True).update(
        is_verified=False
    )
    if changed:
        for product_id in product_ids:
            product_reviews_changed(product_id=product_id)
    return changed


def _moderator_check(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_admin):
        raise PermissionDenied("Only administrators moderate reviews.")


@transaction.atomic
def review_hide(*, review: Review, actor: User) -> Review:
    """A moderator hides the review: it leaves the product page and the average."""
    _moderator_check(actor)
    _rating_writes_begin(product_id=review.product_id)
    review.is_hidden = True
    review.hidden_at = timezone.now()
    review.save(update_fields=["is_hidden", "hidden_at"])
    product_rating_recompute(product_id=review.product_id)
    return review


@transaction.atomic
def review_restore(*, review: Review, actor: User) -> Review:
    """A moderator shows a hidden review again, and it counts again."""
    _moderator_check(actor)
    _rating_writes_begin(product_id=review.product_id)
    review.is_hidden = False
    review.hidden_at = None
    review.save(update_fields=["is_hidden", "hidden_at"])
    product_rating_recompute(product_id=review.product_id)
    return review


def _reply_text_clean(text: str) -> str:
    text = _text_clean(text, field="text", max_length=REPLY_MAX_LENGTH)
    if not text:
        raise ValidationError({"text": "Write a reply."})
    return text


def review_reply_create(*, review: Review, user: User, text: str) -> ReviewReply:
    """The vendor of the product's store answers the review, once.

    Raises PermissionDenied for anyone else (admins may answer too),
    ReviewAlreadyReplied when there is an answer already, ValidationError for an
    empty or too long text.
    """
    if not can_reply(user=user, review=review):
        raise PermissionDenied("Only the store's vendor can reply to this review.")
    if ReviewReply.objects.filter(review=review).exists():
        raise ReviewAlreadyReplied(review_id=review.pk)
    reply = ReviewReply(review=review, author=user, text=_reply_text_clean(text))
    reply.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            reply.save()
    except IntegrityError as error:
        raise ReviewAlreadyReplied(review_id=review.pk) from error
    product_reviews_changed(product_id=review.product_id)
    events.emit("review_replied", reply=reply)
    return reply


def review_reply_update(*, reply: ReviewReply, user: User, text: str) -> ReviewReply:
    """The vendor edits their answer; same permissions and limits as a new one."""
    if not can_reply(user=user, review=reply.review):
        raise PermissionDenied("Only the store's vendor can edit this reply.")
    reply.text = _reply_text_clean(text)
    reply.full_clean(validate_unique=False, validate_constraints=False)
    reply.save(update_fields=["text", "updated_at"])
    product_reviews_changed(product_id=reply.review.product_id)
    return reply


def review_report(
    *, review: Review, user: User, reason: str, details: str = ""
) -> ReviewReport:
    """The user flags the review for the moderators, once.

    Raises ValidationError for an unknown reason, their own review, or a second
    report of the same review.
    """
    if review.user_id == user.pk:
        raise ValidationError("You cannot report your own review.")
    if ReviewReport.objects.filter(review=review, reporter=user).exists():
        raise ValidationError("You have already reported this review.")
    report = ReviewReport(
        review=review,
        reporter=user,
        reason=reason,
        details=_text_clean(
            details, field="details", max_length=REPORT_DETAILS_MAX_LENGTH
        ),
    )
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:
        raise ValidationError("You have already reported this review.") from error
    return report
