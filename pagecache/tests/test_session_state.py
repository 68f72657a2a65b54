"""The one endpoint cached pages ask for the visitor's own bits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.tests.factories import ReviewFactory, ReviewReportFactory

URL = "/session-state/"


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_a_token_and_their_guest_cart(client, product):
    client.post("/cart/add/", {"product": product.pk, "quantity": 2})

    response = client.get(URL)
    state = response.json()

    assert state["is_authenticated"] is False
    assert state["username"] == ""
    assert state["cart_count"] == 2
    assert len(state["csrf_token"]) == 64
    assert "Log in" in state["user_menu_html"]
    assert state["product"] is None
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_a_signed_in_buyer_gets_their_name_menu_and_messages(
    buyer_client, buyer, product
):
    buyer_client.post("/cart/add/", {"product": product.pk, "quantity": 3})

    state = buyer_client.get(URL).json()
    again = buyer_client.get(URL).json()

    assert state["is_authenticated"] is True
    assert state["username"] == buyer.username
    assert state["cart_count"] == 3
    assert buyer.username in state["user_menu_html"]
    assert 'name="csrfmiddlewaretoken"' in state["user_menu_html"]
    assert [message["level"] for message in state["messages"]] == ["success"]
    assert again["messages"] == []


@pytest.mark.django_db
def test_a_buyer_gets_their_own_review_and_reports_for_the_product(
    buyer_client, buyer, product
):
    own = ReviewFactory(user=buyer, product=product, rating=3, comment="Too small.")
    other = ReviewFactory(product=product, rating=5)
    ReviewReportFactory(review=other, user=buyer)

    state = buyer_client.get(
        URL, {"product": product.pk, "reviews": f"{own.pk},{other.pk},x,-1"}
    ).json()["product"]

    assert state["is_product_vendor"] is False
    assert state["own_review_id"] == own.pk
    assert state["reported_review_ids"] == [other.pk]
    assert "Your review" in state["review_form_html"]
    assert "Too small." in state["review_form_html"]
    assert 'name="csrfmiddlewaretoken"' in state["review_form_html"]


@pytest.mark.django_db
def test_the_products_vendor_is_told_they_may_reply(vendor_client, product):
    state = vendor_client.get(URL, {"product": product.pk}).json()["product"]

    assert state["is_product_vendor"] is True
    assert state["own_review_id"] is None
    assert "you can reply" in state["review_form_html"]


@pytest.mark.django_db
@pytest.mark.parametrize("product_id", ["0", "abc", "99999999999999999999999", ""])
def test_a_bad_product_id_gives_no_product_state(buyer_client, product_id):
    response = buyer_client.get(URL, {"product": product_id})

    assert response.status_code == 200
    assert response.json()["product"] is None


@pytest.mark.django_db
def test_the_endpoint_refuses_a_post(client):
    assert client.post(URL).status_code == 405


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_state_costs_the_same_queries_however_many_reviews(
    buyer_client, buyer, product
):
    reviews = [ReviewFactory(product=product, rating=4) for _ in range(6)]
    one = {"product": product.pk, "reviews": str(reviews[0].pk)}
    six = {"product": product.pk, "reviews": ",".join(str(r.pk) for r in reviews)}
    buyer_client.get(URL)

    counts = [_queries(buyer_client, one), _queries(buyer_client, six)]

    assert counts[0] == counts[1] <= 10
