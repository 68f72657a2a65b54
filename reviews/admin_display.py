"""How a review's fields read in the admin: words and names, never the raw
True/False/None of the database."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from accounts.models import User
from reviews.models import RATING_MAX, Review

EMPTY = "—"
DATETIME_FORMAT = "M j, Y H:i"


def datetime_display(value: datetime | None) -> str:
    if value is None:
        return EMPTY
    return date_format(timezone.localtime(value), DATETIME_FORMAT)


def person_display(user: User | None) -> str:
    """ "Full Name (username)", or the username alone when no name is given."""
    if user is None:
        return EMPTY
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


def stars_display(rating: int) -> str:
    return f"{'★' * rating}{'☆' * (RATING_MAX - rating)} {rating}/{RATING_MAX}"


def visibility_display(review: Review) -> str:
    return "Hidden" if review.is_hidden else "Visible"


def verified_display(review: Review) -> str:
    return "Verified purchase" if review.is_verified else "Not verified"


def text_display(text: str) -> str:
    return text.strip() or EMPTY


def product_link(review: Review) -> str:
    """The product's title, linking to its page in the admin, and its store."""
    product = review.product
    return format_html(
        '<a href="{}">{}</a> in {}',
        reverse("wagtailadmin_pages:edit", args=[product.pk]),
        product.title,
        product.store.title,
    )


def person_link(user: User) -> str:
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailusers_users:edit", args=[user.pk]),
        person_display(user),
    )
