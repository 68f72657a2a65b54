import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory, VendorFactory
from reviews.models import ProductRating, Review, ReviewReply, ReviewReport
from reviews.tests.factories import ReviewFactory, ReviewReplyFactory
from shop.tests.factories import order_for


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _own_panel(client, product) -> dict:
    """The visitor's part of the reviews panel, as static/js/session.js gets it."""
    reviews = ",".join(str(pk) for pk in product.reviews.values_list("pk", flat=True))
    state = client.get("/session-state/", {"product": product.pk, "reviews": reviews})
    return state.json()["product"]


def test_the_product_page_shows_rating_breakdown_and_reviews(client, product):
    buyer = UserFactory(username="bea")
    order_for(buyer=buyer, items=[(product, 1)])
    ReviewFactory(product=product, user=buyer, rating=5, comment="Perfect mug")
    ReviewFactory(product=product, rating=2, comment="Too small")

    response = client.get(product.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="3.5 out of 5 stars"' in html
    assert "(2 reviews)" in html
    assert "Perfect mug" in html and "Too small" in html
    assert html.count("Verified purchase") == 1
    assert 'aria-label="5 stars" aria-valuenow="50"' in html
    assert "Sign in</a> to write a review" in html


def test_a_product_without_reviews_says_so(client, product):
    html = client.get(product.url).content.decode()

    assert "No reviews yet" in html


def test_comments_and_replies_are_escaped(client, product):
    review = ReviewFactory(
        product=product, comment='<script>alert("x")</script> <b>bold</b>'
    )
    ReviewReplyFactory(review=review, text="<img src=x onerror=alert(1)>")

    html = client.get(product.url).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_vendors_reply_is_shown_under_the_review(client, product):
    review = ReviewFactory(product=product, comment="Chipped")
    ReviewReplyFactory(review=review, text="We sent a new one.")

    html = client.get(product.url).content.decode()

    assert "Reply from Kiln Studio" in html
    assert html.index("Chipped") < html.index("We sent a new one.")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["third", "second", "first"]),
        ("highest", ["second", "third", "first"]),
        ("lowest", ["first", "third", "second"]),
        ("junk", ["third", "second", "first"]),
    ],
)
def test_reviews_sort_by_date_or_rating(client, product, sort, expected):
    ReviewFactory(product=product, rating=1, comment="first")
    ReviewFactory(product=product, rating=5, comment="second")
    ReviewFactory(product=product, rating=3, comment="third")

    response = client.get(product.url, {"reviews_sort": sort})

    reviews = response.context["panel"].reviews
    assert [review.comment for review in reviews] == expected


@pytest.mark.parametrize(("page", "count"), [("1", 10), ("2", 2), ("x", 10), ("99", 2)])
def test_reviews_are_paginated(client, product, page, count):
    for _ in range(12):
        ReviewFactory(product=product)

    response = client.get(product.url, {"reviews_page": page})

    assert response.status_code == 200
    assert len(response.context["panel"].reviews) == count


def test_a_buyer_writes_a_review_from_the_product_page(buyer_client, buyer, product):
    response = buyer_client.post(
        reverse("reviews:review_save", args=[product.pk]),
        {"rating": "4", "comment": "Sturdy"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == product.url + "#reviews"
    assert _messages(response) == ["Thank you: your review is published."]
    assert list(Review.objects.values_list("user", "rating", "comment")) == [
        (buyer.pk, 4, "Sturdy")
    ]
    html = _own_panel(buyer_client, product)["review_form_html"]
    assert "Update review" in html and "Delete my review" in html


def test_posting_again_edits_the_own_review(buyer_client, buyer, product):
    ReviewFactory(product=product, user=buyer, rating=2)

    response = buyer_client.post(
        reverse("reviews:review_save", args=[product.pk]),
        {"rating": "5", "comment": "Changed my mind"},
        follow=True,
    )

    assert _messages(response) == ["Your review is updated."]
    assert list(Review.objects.values_list("rating", "comment")) == [
        (5, "Changed my mind")
    ]
    assert ProductRating.objects.get(product=product).count == 1


def test_the_author_deletes_their_review(buyer_client, buyer, product):
    review = ReviewFactory(product=product, user=buyer)

    response = buyer_client.post(reverse("reviews:delete", args=[review.pk]))

    assert response.status_code == 302
    assert not Review.objects.exists()


def test_nobody_else_deletes_a_review(client, product):
    review = ReviewFactory(product=product)
    client.force_login(UserFactory())

    response = client.post(reverse("reviews:delete", args=[review.pk]))

    assert response.status_code == 403
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rating": "0"},
        {"rating": "6"},
        {"rating": "abc"},
        {"rating": "4", "comment": "x" * 2001},
        {"rating": "4.5"},
        {"rating": "4", "comment": "nul\x00byte"},
    ],
)
def test_bad_review_posts_get_a_message_and_change_nothing(buyer_client, product, data):
    response = buyer_client.post(
        reverse("reviews:review_save", args=[product.pk]), data, follow=True
    )

    assert response.status_code == 200
    assert len(_messages(response)) == 1
    assert not Review.objects.exists()


@pytest.mark.parametrize("product_id", [0, 999_999, 2**63, 10**30])
def test_reviews_of_unknown_products_are_404(buyer_client, db, product_id):
    response = buyer_client.post(f"/reviews/product/{product_id}/", {"rating": "4"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url", ["/reviews/{pk}/delete/", "/reviews/{pk}/reply/", "/reviews/{pk}/report/"]
)
@pytest.mark.parametrize("pk", [0, 999_999, 2**63])
def test_actions_on_unknown_reviews_are_404(buyer_client, db, url, pk):
    response = buyer_client.post(url.format(pk=pk), {"text": "x", "reason": "spam"})

    assert response.status_code == 404


def test_review_forms_need_a_login_and_a_post(client, product):
    url = reverse("reviews:review_save", args=[product.pk])

    anonymous = client.post(url, {"rating": "4"})
    client.force_login(UserFactory())
    read = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    assert read.status_code == 405
    assert not Review.objects.exists()


def test_review_forms_need_the_csrf_token(product, buyer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)

    response = client.post(
        reverse("reviews:review_save", args=[product.pk]), {"rating": "4"}
    )

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_the_vendor_sees_no_review_form_and_cannot_post_one(vendor_client, product):
    page = _own_panel(vendor_client, product)["review_form_html"]
    response = vendor_client.post(
        reverse("reviews:review_save", args=[product.pk]), {"rating": "5"}, follow=True
    )

    assert "Write a review" not in page
    assert "sold by your store" in page
    assert _messages(response) == ["You cannot review a product of your own store."]
    assert not Review.objects.exists()


def test_the_vendor_replies_and_edits_the_reply_from_the_product_page(
    vendor_client, product
):
    review = ReviewFactory(product=product)
    url = reverse("reviews:reply_save", args=[review.pk])

    first = _messages(vendor_client.post(url, {"text": "Thanks!"}, follow=True))
    second = vendor_client.post(url, {"text": "Thanks a lot!"}, follow=True)

    assert first == ["Your reply is published."]
    assert _messages(second) == ["Your reply is updated."]
    assert list(ReviewReply.objects.values_list("text", flat=True)) == ["Thanks a lot!"]
    assert "Edit your reply" in second.content.decode()


def test_other_users_cannot_reply(client, product):
    review = ReviewFactory(product=product)
    client.force_login(VendorFactory())

    response = client.post(
        reverse("reviews:reply_save", args=[review.pk]), {"text": "Mine"}
    )

    assert response.status_code == 403
    assert not ReviewReply.objects.exists()


def test_an_empty_reply_gets_a_message(vendor_client, product):
    review = ReviewFactory(product=product)

    response = vendor_client.post(
        reverse("reviews:reply_save", args=[review.pk]), {"text": "  "}, follow=True
    )

    assert _messages(response) == ["This field is required."]
    assert not ReviewReply.objects.exists()


def test_a_user_reports_a_review_once_from_the_product_page(buyer_client, product):
    review = ReviewFactory(product=product)
    url = reverse("reviews:report", args=[review.pk])

    first = _messages(
        buyer_client.post(url, {"reason": "spam", "details": "Ads"}, follow=True)
    )
    second = buyer_client.post(url, {"reason": "fake"}, follow=True)

    assert first == ["Thank you: a moderator will look at this review."]
    assert _messages(second) == ["You have already reported this review."]
    assert list(ReviewReport.objects.values_list("reason", "details")) == [
        ("spam", "Ads")
    ]
    assert _own_panel(buyer_client, product)["reported_review_ids"] == [review.pk]


@pytest.mark.parametrize("data", [{}, {"reason": "nonsense"}, {"reason": ""}])
def test_a_report_without_a_known_reason_gets_a_message(buyer_client, product, data):
    review = ReviewFactory(product=product)

    response = buyer_client.post(
        reverse("reviews:report", args=[review.pk]), data, follow=True
    )

    assert len(_messages(response)) == 1
    assert not ReviewReport.objects.exists()
