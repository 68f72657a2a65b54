from datetime import datetime

import pytest
from django.core import mail

from accounts.tests.factories import AdminFactory, UserFactory
from reviews.models import ProductRating, Review, ReviewReply, ReviewReport
from reviews.services import review_hide
from reviews.tests.factories import ReviewFactory, ReviewReplyFactory
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory

REVIEWS = "/api/reviews/"
REVIEW_FIELDS = {
    "id",
    "product",
    "user",
    "username",
    "rating",
    "comment",
    "is_verified",
    "reply",
    "created_at",
    "updated_at",
}


def _rating(product):
    rating = ProductRating.objects.get(product=product)
    return (str(rating.average), rating.count)


def test_review_fields_and_types(api_client, product):
    review = ReviewFactory(product=product, rating=5, comment="Lovely glaze.")
    ReviewReplyFactory(review=review, text="Thank you!")

    response = api_client.get(f"{REVIEWS}{review.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == REVIEW_FIELDS
    assert (body["product"], body["user"], body["username"]) == (
        product.pk,
        review.user_id,
        review.user.username,
    )
    assert (body["rating"], body["comment"], body["is_verified"]) == (
        5,
        "Lovely glaze.",
        False,
    )
    assert body["reply"]["text"] == "Thank you!"
    assert datetime.fromisoformat(body["created_at"]).tzinfo is not None


def test_buyer_reviews_a_product_and_the_rating_follows(
    client_as, buyer, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(buyer).post(
            REVIEWS, {"product": product.pk, "rating": 4, "comment": "Solid mug."}
        )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["user"], body["rating"], body["reply"]) == (buyer.pk, 4, None)
    assert _rating(product) == ("4.00", 1)
    assert len(mail.outbox) == 1
    assert product.store.vendor.email in mail.outbox[0].to


def test_review_is_verified_for_a_buyer_with_a_paid_order(client_as, buyer, product):
    order_for(buyer=buyer, items=[(product, 1)])

    response = client_as(buyer).post(REVIEWS, {"product": product.pk, "rating": 5})

    assert response.status_code == 201
    assert response.json()["is_verified"] is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": "five"}, "rating"),
        ({"rating": None}, "rating"),
        ({"rating": 4, "comment": "x" * 2001}, "comment"),
        ({"rating": 4, "comment": "nul\x00byte"}, "comment"),
        ({"rating": 4, "comment": 12345}, "comment"),
        ({"rating": 4, "comment": ["a list"]}, "comment"),
        ({"rating": 4, "product": 99999999}, "product"),
        ({"rating": 4, "product": 2**70}, "product"),
        ({"rating": 4, "product": "abc"}, "product"),
    ],
)
def test_review_create_refuses_bad_input(client_as, buyer, product, payload, field):
    payload = {"product": product.pk, **payload}

    response = client_as(buyer).post(REVIEWS, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not Review.objects.exists()


def test_second_review_of_the_same_product_is_refused(client_as, buyer, product):
    ReviewFactory(user=buyer, product=product, rating=5)

    response = client_as(buyer).post(REVIEWS, {"product": product.pk, "rating": 1})

    assert response.status_code == 400
    assert "already reviewed" in response.json()["detail"]
    assert Review.objects.get().rating == 5


def test_vendor_cannot_review_their_own_stores_product(client_as, vendor, product):
    response = client_as(vendor).post(REVIEWS, {"product": product.pk, "rating": 5})

    assert response.status_code == 403
    assert "own store" in response.json()["detail"]
    assert not Review.objects.exists()


def test_unpublished_product_cannot_be_reviewed(client_as, buyer, product):
    product.unpublish()

    response = client_as(buyer).post(REVIEWS, {"product": product.pk, "rating": 5})

    assert response.status_code == 400
    assert "product" in response.json()


def test_author_edits_their_review(client_as, buyer, product):
    review = ReviewFactory(user=buyer, product=product, rating=2)

    response = client_as(buyer).patch(
        f"{REVIEWS}{review.pk}/", {"rating": 5, "comment": "Grew on me."}
    )

    assert response.status_code == 200
    assert (response.json()["rating"], response.json()["comment"]) == (
        5,
        "Grew on me.",
    )
    assert _rating(product) == ("5.00", 1)


@pytest.mark.parametrize("actor", ["other_buyer", "vendor"])
def test_others_cannot_change_or_delete_a_review(
    client_as, buyer, vendor, product, actor
):
    review = ReviewFactory(user=buyer, product=product, rating=2)
    api = client_as(UserFactory() if actor == "other_buyer" else vendor)

    patched = api.patch(f"{REVIEWS}{review.pk}/", {"rating": 5})
    deleted = api.delete(f"{REVIEWS}{review.pk}/")

    assert (patched.status_code, deleted.status_code) == (403, 403)
    review.refresh_from_db()
    assert review.rating == 2
    assert _rating(product) == ("2.00", 1)


def test_admin_deletes_any_review_and_the_rating_follows(client_as, product):
    ReviewFactory(product=product, rating=5)
    review = ReviewFactory(product=product, rating=1)
    assert _rating(product) == ("3.00", 2)

    response = client_as(AdminFactory()).delete(f"{REVIEWS}{review.pk}/")

    assert response.status_code == 204
    assert _rating(product) == ("5.00", 1)


def test_author_still_reaches_a_hidden_review_others_do_not(client_as, buyer, product):
    review = ReviewFactory(user=buyer, product=product)
    review_hide(review=review, actor=AdminFactory())

    theirs = client_as(buyer).get(f"{REVIEWS}{review.pk}/")
    public = client_as(None).get(f"{REVIEWS}{review.pk}/")
    listed = client_as(buyer).get(f"{REVIEWS}?product={product.pk}")

    assert (theirs.status_code, public.status_code) == (200, 404)
    assert listed.json()["count"] == 0


@pytest.fixture
def reviews(product, store):
    other = ProductPageFactory(store=store, title="Teapot")
    return {
        "good": ReviewFactory(product=product, rating=5),
        "bad": ReviewFactory(product=product, rating=1),
        "fair": ReviewFactory(product=product, rating=3),
        "teapot": ReviewFactory(product=other, rating=4),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?product={product}", ["fair", "bad", "good"]),
        ("?product={product}&ordering=-rating", ["good", "fair", "bad"]),
        ("?product={product}&ordering=rating", ["bad", "fair", "good"]),
        ("?rating=4", ["teapot"]),
        ("?product=999999", []),
        ("?product=99999999999999999999999", []),
        ("", ["teapot", "fair", "bad", "good"]),
    ],
)
def test_review_list_filters_and_orders(api_client, product, reviews, query, expected):
    names = {review.pk: name for name, review in reviews.items()}

    response = api_client.get(REVIEWS + query.format(product=product.pk))

    assert response.status_code == 200
    assert [names[row["id"]] for row in response.json()["results"]] == expected


@pytest.mark.parametrize(
    "query", ["?product=abc", "?rating=9", "?rating=0", "?rating=x", "?ordering=random"]
)
def test_review_list_refuses_junk_filters(db, api_client, query):
    response = api_client.get(REVIEWS + query)

    assert response.status_code == 400


def test_product_reviews_endpoint_lists_that_products_reviews(
    api_client, product, reviews
):
    response = api_client.get(f"/api/products/{product.pk}/reviews/?ordering=-rating")

    assert response.status_code == 200
    assert [row["rating"] for row in response.json()["results"]] == [5, 3, 1]


def test_product_reviews_endpoint_is_404_for_an_unknown_product(db, api_client):
    assert api_client.get("/api/products/999999/reviews/").status_code == 404


def test_review_lists_run_a_fixed_number_of_queries(
    api_client, product, django_assert_max_num_queries
):
    for _ in range(30):
        ReviewReplyFactory(review=ReviewFactory(product=product))

    with django_assert_max_num_queries(8):
        response = api_client.get(f"{REVIEWS}?product={product.pk}&page_size=30")

    assert len(response.json()["results"]) == 30


def test_vendor_replies_once_then_edits_the_reply(client_as, vendor, product):
    review = ReviewFactory(product=product)
    api = client_as(vendor)

    first = api.post(f"{REVIEWS}{review.pk}/reply/", {"text": "Thanks!"})
    second = api.post(f"{REVIEWS}{review.pk}/reply/", {"text": "Again"})
    edited = api.patch(f"{REVIEWS}{review.pk}/reply/", {"text": "Thank you!"})

    assert first.status_code == 201
    assert first.json()["reply"]["text"] == "Thanks!"
    assert second.status_code == 409
    assert edited.status_code == 200
    assert ReviewReply.objects.get().text == "Thank you!"


@pytest.mark.parametrize("actor", ["buyer", "other_vendor", "author"])
def test_only_the_products_vendor_replies(
    client_as, buyer, other_vendor, product, actor
):
    review = ReviewFactory(product=product)
    users = {"buyer": buyer, "other_vendor": other_vendor, "author": review.user}

    response = client_as(users[actor]).post(
        f"{REVIEWS}{review.pk}/reply/", {"text": "Hello"}
    )

    assert response.status_code == 403
    assert not ReviewReply.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001, 77958, None, ["text"]])
def test_reply_refuses_empty_or_long_text(client_as, vendor, product, text):
    review = ReviewFactory(product=product)

    response = client_as(vendor).post(f"{REVIEWS}{review.pk}/reply/", {"text": text})

    assert response.status_code == 400
    assert "text" in response.json()
    assert not ReviewReply.objects.exists()


def test_editing_a_missing_reply_is_404(client_as, vendor, product):
    review = ReviewFactory(product=product)

    response = client_as(vendor).patch(f"{REVIEWS}{review.pk}/reply/", {"text": "Hi"})

    assert response.status_code == 404


def test_report_a_review_once(client_as, buyer, product):
    review = ReviewFactory(product=product)
    api = client_as(buyer)

    first = api.post(f"{REVIEWS}{review.pk}/report/", {"reason": "spam"})
    second = api.post(f"{REVIEWS}{review.pk}/report/", {"reason": "fake"})
    unknown = client_as(UserFactory()).post(
        f"{REVIEWS}{review.pk}/report/", {"reason": "boring"}
    )

    assert first.status_code == 201
    assert first.json()["reason"] == "spam"
    assert (second.status_code, unknown.status_code) == (400, 400)
    assert ReviewReport.objects.count() == 1


def test_review_actions_need_a_login(api_client, product):
    review = ReviewFactory(product=product)

    responses = [
        api_client.post(REVIEWS, {"product": product.pk, "rating": 5}),
        api_client.patch(f"{REVIEWS}{review.pk}/", {"rating": 1}),
        api_client.delete(f"{REVIEWS}{review.pk}/"),
        api_client.post(f"{REVIEWS}{review.pk}/reply/", {"text": "Hi"}),
        api_client.post(f"{REVIEWS}{review.pk}/report/", {"reason": "spam"}),
    ]

    assert [response.status_code for response in responses] == [401] * 5
    assert Review.objects.get().rating == 4


def test_a_vendor_reviews_another_stores_product(client_as, other_vendor, product):
    response = client_as(other_vendor).post(
        REVIEWS, {"product": product.pk, "rating": 4}
    )

    assert response.status_code == 201
