from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.tests.factories import AdminFactory, UserFactory, VendorFactory
from reviews.models import ProductRating, Review
from reviews.selectors import has_paid_order_with
from reviews.services import (
    review_create,
    review_delete,
    review_hide,
    review_restore,
    review_update,
)
from reviews.tests.factories import ReviewFactory
from shop.models import Order
from shop.services.orders import order_cancel
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def rating_of(product) -> tuple[Decimal | None, int]:
    rating = ProductRating.objects.get(product=product)
    return rating.average, rating.count


@pytest.mark.parametrize("rating", [1, 5, "3", " 4 "])
def test_review_create_accepts_whole_stars_from_1_to_5(buyer, product, rating):
    review = review_create(user=buyer, product=product, rating=rating, comment="Ok")

    assert review.rating == int(str(rating).strip())
    assert Review.objects.get().pk == review.pk


@pytest.mark.parametrize(
    "rating", [0, 6, -1, "abc", "", None, 4.5, "4.5", True, [4], "٣"]
)
def test_review_create_refuses_a_rating_outside_1_to_5(
    buyer, product, rating, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        review_create(user=buyer, product=product, rating=rating)

    assert "rating" in error.value.message_dict
    assert Review.objects.count() == 0
    assert not ProductRating.objects.exists()
    assert mail.outbox == []


def test_review_create_refuses_a_comment_too_long(buyer, product):
    with pytest.raises(ValidationError) as error:
        review_create(user=buyer, product=product, rating=3, comment="x" * 2001)

    assert "comment" in error.value.message_dict
    assert Review.objects.count() == 0


def test_review_create_refuses_a_second_review_of_the_same_product(
    buyer, product, django_capture_on_commit_callbacks
):
    first = ReviewFactory(user=buyer, product=product, rating=5)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        review_create(user=buyer, product=product, rating=1)

    assert error.value.messages == [
        "You have already reviewed this product: edit your review instead."
    ]
    assert list(Review.objects.values_list("pk", "rating")) == [(first.pk, 5)]
    assert rating_of(product) == (Decimal("5.00"), 1)
    assert mail.outbox == []


def test_the_database_allows_one_review_per_user_and_product(buyer, product):
    ReviewFactory(user=buyer, product=product)

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(user=buyer, product=product, rating=2)


def test_a_vendor_cannot_review_a_product_of_their_own_store(
    vendor, product, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        review_create(user=vendor, product=product, rating=5)

    assert error.value.messages == ["You cannot review a product of your own store."]
    assert Review.objects.count() == 0
    assert mail.outbox == []


def test_a_vendor_may_review_another_vendors_product(product):
    other_vendor = VendorFactory()

    review = review_create(user=other_vendor, product=product, rating=4)

    assert review.user == other_vendor


def test_a_review_without_a_purchase_is_not_verified(buyer, product):
    review = ReviewFactory(user=buyer, product=product)

    assert review.is_verified is False


def test_a_review_after_a_paid_order_is_verified(buyer, product):
    order_for(buyer=buyer, items=[(product, 1)])

    review = ReviewFactory(user=buyer, product=product)

    assert review.is_verified is True


def test_a_purchase_after_the_review_verifies_it(buyer, product):
    review = ReviewFactory(user=buyer, product=product)

    order_for(buyer=buyer, items=[(product, 1)])

    review.refresh_from_db()
    assert review.is_verified is True


def test_a_paid_order_of_another_product_does_not_verify(buyer, product, store):
    other = ProductPageFactory(store=store)
    review = ReviewFactory(user=buyer, product=product)

    order_for(buyer=buyer, items=[(other, 1)])

    review.refresh_from_db()
    assert review.is_verified is False


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        ("pending_payment", False),
        ("paid", True),
        ("processing", True),
        ("shipped", True),
        ("delivered", True),
        ("cancelled", False),
        ("refunded", False),
    ],
)
def test_only_paid_orders_count_as_purchases(buyer, product, status, counts):
    order = order_for(buyer=buyer, items=[(product, 1)])
    Order.objects.filter(pk=order.pk).update(status=status)

    assert has_paid_order_with(user_id=buyer.pk, product_id=product.pk) is counts
    assert has_paid_order_with(user_id=UserFactory().pk, product_id=product.pk) is False


def test_a_refunded_order_no_longer_verifies(buyer, product):
    order = order_for(buyer=buyer, items=[(product, 1)])
    review = ReviewFactory(user=buyer, product=product)

    order_cancel(order=order, actor=buyer)

    review.refresh_from_db()
    assert review.is_verified is False


def test_the_rating_counts_every_new_review(product):
    ReviewFactory(product=product, rating=5)
    ReviewFactory(product=product, rating=4)
    ReviewFactory(product=product, rating=4)

    rating = ProductRating.objects.get(product=product)
    assert (rating.average, rating.count) == (Decimal("4.33"), 3)
    assert rating.breakdown() == [
        (5, 1, 33),
        (4, 2, 67),
        (3, 0, 0),
        (2, 0, 0),
        (1, 0, 0),
    ]


def test_review_update_changes_rating_comment_and_average(buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=2)
    ReviewFactory(product=product, rating=4)

    review_update(review=review, user=buyer, rating="5", comment="  Grew on me. ")

    review.refresh_from_db()
    assert (review.rating, review.comment) == (5, "Grew on me.")
    assert rating_of(product) == (Decimal("4.50"), 2)


def test_review_update_refuses_bad_values_and_changes_nothing(buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=2, comment="Meh")

    with pytest.raises(ValidationError):
        review_update(review=review, user=buyer, rating=9, comment="Changed")

    review.refresh_from_db()
    assert (review.rating, review.comment) == (2, "Meh")
    assert rating_of(product) == (Decimal("2.00"), 1)


@pytest.mark.parametrize("who", ["other buyer", "product vendor"])
def test_only_the_author_edits_or_deletes_a_review(buyer, product, vendor, who):
    review = ReviewFactory(user=buyer, product=product, rating=2)
    someone = UserFactory() if who == "other buyer" else vendor

    with pytest.raises(PermissionDenied):
        review_update(review=review, user=someone, rating=5)
    with pytest.raises(PermissionDenied):
        review_delete(review=review, user=someone)

    review.refresh_from_db()
    assert review.rating == 2
    assert rating_of(product) == (Decimal("2.00"), 1)


def test_an_admin_may_edit_and_delete_any_review(buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=2)
    admin = AdminFactory()

    review_update(review=review, user=admin, rating=3)
    review_delete(review=review, user=admin)

    assert Review.objects.count() == 0


def test_review_delete_takes_it_out_of_the_average(buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=1)
    ReviewFactory(product=product, rating=5)

    review_delete(review=review, user=buyer)

    assert rating_of(product) == (Decimal("5.00"), 1)


def test_deleting_the_last_review_leaves_the_product_unrated(buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=1)

    review_delete(review=review, user=buyer)

    assert rating_of(product) == (None, 0)


def test_hiding_a_review_takes_it_out_of_the_average_and_restoring_brings_it_back(
    product, admin_user
):
    bad = ReviewFactory(product=product, rating=1)
    ReviewFactory(product=product, rating=5)

    review_hide(review=bad, actor=admin_user)
    hidden = rating_of(product)
    review_restore(review=bad, actor=admin_user)

    assert hidden == (Decimal("5.00"), 1)
    assert rating_of(product) == (Decimal("3.00"), 2)


@pytest.mark.parametrize("who", ["buyer", "vendor"])
def test_only_superusers_hide_or_restore(product, buyer, vendor, who):
    review = ReviewFactory(product=product, rating=1)
    actor = buyer if who == "buyer" else vendor

    with pytest.raises(PermissionDenied):
        review_hide(review=review, actor=actor)

    review.refresh_from_db()
    assert review.is_hidden is False
    assert rating_of(product) == (Decimal("1.00"), 1)


def test_a_new_review_alerts_the_vendor_by_email(
    buyer, product, vendor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = review_create(
            user=buyer, product=product, rating=4, comment="<b>Lovely</b> mug"
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [vendor.email]
    assert message.subject == "[Marketplace] New 4-star review of Speckled mug"
    assert "<b>Lovely</b> mug" in message.body
    slug = product.url_path.rstrip("/").split("/")[-1]
    assert f"{slug}/#review-{review.pk}" in message.body


def test_the_alert_waits_for_the_commit(
    buyer, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review_create(user=buyer, product=product, rating=4)

    assert mail.outbox == []
    # The page cache's refresh waits for the commit as well.
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_an_edit_sends_no_alert(buyer, product, django_capture_on_commit_callbacks):
    review = ReviewFactory(user=buyer, product=product)

    with django_capture_on_commit_callbacks(execute=True):
        review_update(review=review, user=buyer, rating=1)

    assert mail.outbox == []


def test_reviews_of_other_stores_alert_their_own_vendor(
    buyer, store_index, django_capture_on_commit_callbacks
):
    other = ProductPageFactory(store=StorePageFactory())

    with django_capture_on_commit_callbacks(execute=True):
        ReviewFactory(user=buyer, product=other)

    assert mail.outbox[0].to == [other.store.vendor.email]


def test_a_deleted_account_takes_its_reviews_out_of_the_average(product):
    leaving = UserFactory()
    ReviewFactory(product=product, user=leaving, rating=1)
    ReviewFactory(product=product, rating=5)

    leaving.delete()

    assert rating_of(product) == (Decimal("5.00"), 1)


def test_a_deleted_product_takes_its_reviews_and_rating_along(product):
    ReviewFactory(product=product, rating=5)

    product.delete()

    assert not Review.objects.exists()
    assert not ProductRating.objects.exists()
