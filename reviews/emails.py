"""The e-mail that tells a vendor about a new review of one of their products."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from config.validators import email_subject
from reviews.models import Review


def review_alert_send(*, review_id: int) -> int:
    """Tell the store's vendor about the review; returns how many messages went
    out (none when the review is gone or the vendor has no address)."""
    review = (
        Review.objects.select_related("user", "product", "product__store__vendor")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        return 0
    vendor = review.product.store.vendor
    if not vendor.email:
        return 0
    context = {
        "review": review,
        "product": review.product,
        "vendor": vendor,
        "product_url": review.product.get_full_url(),
    }
    subject = email_subject(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}New {review.rating}-star review "
        f"of {review.product.title}"
    )
    text = render_to_string("reviews/emails/review_alert.txt", context)
    return EmailMessage(subject, text, to=[vendor.email]).send()
