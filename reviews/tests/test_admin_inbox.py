"""The vendor's review inbox: their stores' unanswered reviews, and the reply."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import VendorFactory
from reviews.models import ReviewReply
from reviews.tests.factories import ReviewFactory, ReviewReplyFactory
from vendors.tests.factories import ProductPageFactory, StorePageFactory

INBOX = reverse("review_inbox:index")


def _reply_url(review) -> str:
    return reverse("review_inbox:reply", args=[review.pk])


@pytest.fixture
def other_review(db):
    other_store = StorePageFactory(vendor=VendorFactory(), title="Other Studio")
    other_product = ProductPageFactory(store=other_store, title="Other teapot")
    return ReviewFactory(product=other_product, comment="Other vendor's review")


def test_inbox_lists_own_unanswered_reviews_newest_first(
    vendor_client, product, other_review
):
    older = ReviewFactory(product=product, comment="Older one")
    newer = ReviewFactory(product=product, comment="Newer one")
    answered = ReviewFactory(product=product, comment="Answered already")
    ReviewReplyFactory(review=answered)
    hidden = ReviewFactory(product=product, comment="Hidden by a moderator")
    hidden.is_hidden = True
    hidden.save()

    response = vendor_client.get(INBOX)

    assert response.status_code == 200
    assert [card["review"] for card in response.context["cards"]] == [newer, older]
    html = response.content.decode()
    assert "Other vendor" not in html and "Other teapot" not in html
    assert f'action="{_reply_url(newer)}"' in html


def test_vendor_replies_from_the_inbox(vendor_client, vendor, product):
    review = ReviewFactory(product=product)

    response = vendor_client.post(_reply_url(review), {"text": "  Thank you!  "})

    assert response.status_code == 302
    assert response["Location"] == INBOX
    reply = ReviewReply.objects.get(review=review)
    assert (reply.text, reply.author) == ("Thank you!", vendor)
    assert vendor_client.get(INBOX).context["cards"] == []


def test_reply_screen_shows_the_review_and_a_form(vendor_client, product):
    review = ReviewFactory(product=product, comment="Chipped on arrival")

    response = vendor_client.get(_reply_url(review))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chipped on arrival" in html and 'name="text"' in html


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "This field is required."), ("x" * 2001, "at most 2000 characters")],
)
def test_a_bad_reply_is_a_400_with_the_reason_and_saves_nothing(
    vendor_client, product, text, message
):
    review = ReviewFactory(product=product)

    response = vendor_client.post(_reply_url(review), {"text": text})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ReviewReply.objects.count() == 0


def test_a_second_reply_is_refused_and_the_first_kept(vendor_client, product):
    review = ReviewFactory(product=product)
    ReviewReplyFactory(review=review, text="First answer")

    response = vendor_client.post(_reply_url(review), {"text": "Second"}, follow=True)

    assert "This review already has a reply." in response.content.decode()
    assert list(ReviewReply.objects.values_list("text", flat=True)) == ["First answer"]


def test_vendor_never_sees_or_answers_another_vendors_review(
    vendor_client, product, other_review
):
    url = _reply_url(other_review)

    shown = vendor_client.get(url)
    posted = vendor_client.post(url, {"text": "Not my store"})

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert ReviewReply.objects.count() == 0


@pytest.mark.parametrize("review_id", [0, 999_999, 2**63, 2**70])
def test_an_unknown_review_is_a_404(vendor_client, db, review_id):
    response = vendor_client.post(
        f"/admin/review-inbox/{review_id}/reply/", {"text": "Hi"}
    )

    assert response.status_code == 404


def test_a_buyer_cannot_reach_the_inbox(buyer_client, product):
    review = ReviewFactory(product=product)

    answers = [
        buyer_client.get(INBOX).status_code,
        buyer_client.post(_reply_url(review), {"text": "Hi"}).status_code,
    ]

    assert all(code in (302, 403, 404) for code in answers), answers
    assert ReviewReply.objects.count() == 0


def test_the_inbox_is_in_the_vendor_menu_not_the_admin_one(vendor_client, admin_user):
    admin_client = Client()
    admin_client.force_login(admin_user)

    vendor_home = vendor_client.get(reverse("wagtailadmin_home")).content.decode()
    admin_home = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert INBOX in vendor_home
    assert INBOX not in admin_home


def test_inbox_runs_as_many_queries_for_20_reviews_as_for_3(
    vendor_client, product, django_assert_max_num_queries
):
    for _ in range(3):
        ReviewFactory(product=product)
    vendor_client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        vendor_client.get(INBOX)
    for _ in range(17):
        ReviewFactory(product=product)

    with django_assert_max_num_queries(len(few)):
        response = vendor_client.get(INBOX)

    assert len(response.context["cards"]) == 20
