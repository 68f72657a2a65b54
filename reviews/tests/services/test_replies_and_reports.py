import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory, VendorFactory
from reviews.exceptions import ReviewAlreadyReplied
from reviews.models import ReviewReply, ReviewReport
from reviews.services import review_reply_create, review_reply_update, review_report
from reviews.tests.factories import (
    ReviewFactory,
    ReviewReplyFactory,
    ReviewReportFactory,
)


@pytest.fixture
def review(product, buyer):
    return ReviewFactory(product=product, user=buyer, rating=3, comment="Chipped.")


def test_the_products_vendor_replies_to_a_review(review, vendor):
    reply = review_reply_create(
        review=review, user=vendor, text="  Sorry! Sent a new one. "
    )

    assert (reply.review, reply.author, reply.text) == (
        review,
        vendor,
        "Sorry! Sent a new one.",
    )


@pytest.mark.parametrize("who", ["author", "other buyer", "other vendor"])
def test_only_the_products_vendor_replies(review, buyer, who):
    user = {
        "author": buyer,
        "other buyer": UserFactory(),
        "other vendor": VendorFactory(),
    }[who]

    with pytest.raises(PermissionDenied):
        review_reply_create(review=review, user=user, text="Hello")

    assert not ReviewReply.objects.exists()


def test_a_review_gets_one_reply(review, vendor):
    ReviewReplyFactory(review=review, text="First")

    with pytest.raises(ReviewAlreadyReplied):
        review_reply_create(review=review, user=vendor, text="Second")

    assert list(ReviewReply.objects.values_list("text", flat=True)) == ["First"]


def test_the_vendor_edits_the_reply(review, vendor):
    reply = ReviewReplyFactory(review=review, text="First")

    review_reply_update(reply=reply, user=vendor, text="Better")

    reply.refresh_from_db()
    assert reply.text == "Better"


def test_another_vendor_cannot_edit_the_reply(review):
    reply = ReviewReplyFactory(review=review, text="First")

    with pytest.raises(PermissionDenied):
        review_reply_update(reply=reply, user=VendorFactory(), text="Mine now")

    reply.refresh_from_db()
    assert reply.text == "First"


@pytest.mark.parametrize("text", ["", "   ", None, "x" * 2001, 42])
def test_a_reply_needs_some_text_within_the_limit(review, vendor, text):
    with pytest.raises(ValidationError) as error:
        review_reply_create(review=review, user=vendor, text=text)

    assert "text" in error.value.message_dict
    assert not ReviewReply.objects.exists()


def test_a_user_reports_a_review_with_a_reason(review):
    reporter = UserFactory()

    report = review_report(
        review=review, user=reporter, reason="offensive", details=" Rude words "
    )

    assert (report.reporter, report.reason, report.details) == (
        reporter,
        "offensive",
        "Rude words",
    )


def test_a_user_reports_a_review_once(review):
    reporter = UserFactory()
    ReviewReportFactory(review=review, user=reporter)

    with pytest.raises(ValidationError) as error:
        review_report(review=review, user=reporter, reason="fake")

    assert error.value.messages == ["You have already reported this review."]
    assert ReviewReport.objects.count() == 1


def test_nobody_reports_their_own_review(review, buyer):
    with pytest.raises(ValidationError):
        review_report(review=review, user=buyer, reason="spam")

    assert not ReviewReport.objects.exists()


@pytest.mark.parametrize("reason", ["", "nonsense", None])
def test_a_report_needs_a_known_reason(review, reason):
    with pytest.raises(ValidationError) as error:
        review_report(review=review, user=UserFactory(), reason=reason)

    assert "reason" in error.value.message_dict
    assert not ReviewReport.objects.exists()
