"""Reviews written, edited and hidden at the same moment still add up."""

import threading
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.tests.factories import AdminFactory, UserFactory
from reviews.models import ProductRating, Review
from reviews.services import review_create, review_hide
from reviews.tests.factories import ReviewFactory
from vendors.tests.factories import ProductPageFactory, StorePageFactory

WRITERS = 12

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.mysql",
        reason="SQLite ignores row locks; concurrent reviews are tested on MariaDB",
    ),
    # The threads must see each other's commits; the serialized rollback brings
    # back the site and pages the migrations made, for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(jobs) -> list[BaseException]:
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        try:
            start.wait()
            job()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_concurrent_reviews_and_hides_keep_the_rating_exact(home_page):
    product = ProductPageFactory(store=StorePageFactory(title="Busy Store"))
    to_hide = [ReviewFactory(product=product, rating=1) for _ in range(3)]
    admin = AdminFactory()
    writers = [UserFactory() for _ in range(WRITERS)]
    jobs = [
        (
            lambda user=user, n=n: review_create(
                user=user, product=product, rating=n % 5 + 1
            )
        )
        for n, user in enumerate(writers)
    ] + [
        (lambda review=review: review_hide(review=review, actor=admin))
        for review in to_hide
    ]

    errors = _race(jobs)

    assert errors == []
    ratings = list(
        Review.objects.filter(product=product, is_hidden=False).values_list(
            "rating", flat=True
        )
    )
    assert len(ratings) == WRITERS
    rating = ProductRating.objects.get(product=product)
    assert rating.count == WRITERS
    assert rating.average == (Decimal(sum(ratings)) / WRITERS).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert [getattr(rating, f"count_{stars}") for stars in range(1, 6)] == [
        ratings.count(stars) for stars in range(1, 6)
    ]


def test_a_double_submit_makes_one_review(home_page):
    product = ProductPageFactory(store=StorePageFactory(title="Double Click"))
    user = UserFactory()

    errors = _race([lambda: review_create(user=user, product=product, rating=4)] * 2)

    assert Review.objects.filter(product=product).count() == 1
    assert len(errors) <= 1
    assert all(isinstance(error, ValidationError) for error in errors)
    assert ProductRating.objects.get(product=product).count == 1
