"""The catalogue sorts and filters by the ratings reviews keep."""

import pytest

from reviews.models import Review
from reviews.services import review_hide
from reviews.tests.factories import ReviewFactory
from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def rated(store):
    good = ProductPageFactory(store=store, title="Good")
    fine = ProductPageFactory(store=store, title="Fine")
    poor = ProductPageFactory(store=store, title="Poor")
    unrated = ProductPageFactory(store=store, title="Unrated")
    for product, ratings in ((good, [5, 4]), (fine, [4, 3]), (poor, [2])):
        for rating in ratings:
            ReviewFactory(product=product, rating=rating)
    return {"good": good, "fine": fine, "poor": poor, "unrated": unrated}


def _titles(client, query: dict) -> list[str]:
    response = client.get("/catalogue/", query)
    assert response.status_code == 200
    return [product.title for product in response.context["products"]]


def test_best_rated_first_and_unrated_last(client, rated):
    assert _titles(client, {"ordering": "-rating"}) == [
        "Good",
        "Fine",
        "Poor",
        "Unrated",
    ]


@pytest.mark.parametrize(
    ("min_rating", "titles"),
    [
        ("4", ["Good"]),
        ("3", ["Good", "Fine"]),
        ("2", ["Good", "Fine", "Poor"]),
        ("1", ["Good", "Fine", "Poor"]),
    ],
)
def test_filter_by_minimum_rating(client, rated, min_rating, titles):
    found = _titles(client, {"min_rating": min_rating, "ordering": "-rating"})

    assert found == titles


@pytest.mark.parametrize("junk", ["0", "6", "abc", "-1", "4.5", "9" * 40, "\x00", "%"])
def test_junk_ratings_are_ignored_with_a_message_never_a_500(client, rated, junk):
    response = client.get("/catalogue/", {"min_rating": junk, "ordering": "-rating"})

    assert response.status_code == 200
    assert "min_rating" in response.context["filter_form"].errors
    assert len(response.context["products"]) == 4


def test_a_hidden_review_no_longer_lifts_a_product(client, rated, admin_user):
    for review in Review.objects.filter(product=rated["good"]):
        review_hide(review=review, actor=admin_user)

    titles = _titles(client, {"ordering": "-rating"})

    # With every review hidden it is unrated: last, with the other unrated one.
    assert titles[:2] == ["Fine", "Poor"]
    assert set(titles[2:]) == {"Good", "Unrated"}
