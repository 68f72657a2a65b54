"""Review moderation in the Wagtail admin: superusers only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from reviews.models import ProductRating, Review
from reviews.tests.factories import ReviewFactory, ReviewReportFactory

INDEX = reverse("review:index")


@pytest.fixture
def reviews(product):
    quiet = ReviewFactory(product=product, rating=5, comment="Lovely")
    flagged = ReviewFactory(product=product, rating=1, comment="Buy at spam.example")
    once = ReviewFactory(product=product, rating=3, comment="Meh")
    ReviewReportFactory(review=flagged, user=UserFactory(username="ann"), details="Ad")
    ReviewReportFactory(review=flagged, user=UserFactory(username="ben"))
    ReviewReportFactory(review=once, user=UserFactory(username="cat"))
    return {"quiet": quiet, "flagged": flagged, "once": once}


def test_admin_sees_every_review_most_reported_first(admin_client, reviews):
    response = admin_client.get(INDEX)

    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert [review.comment for review in listed] == [
        "Buy at spam.example",
        "Meh",
        "Lovely",
    ]
    assert [review.report_count for review in listed] == [2, 1, 0]
    assert reverse("review:hide", args=[reviews["flagged"].pk]) in (
        response.content.decode()
    )


def test_admin_sees_who_reported_what(admin_client, reviews):
    response = admin_client.get(reverse("review:inspect", args=[reviews["flagged"].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>ann</strong>" in html and "<strong>ben</strong>" in html
    assert "Spam or advertising: Ad" in html


def test_admin_hides_a_review_and_it_leaves_the_page_and_the_average(
    admin_client, client, reviews, product
):
    url = reverse("review:hide", args=[reviews["flagged"].pk])

    confirm = admin_client.get(url)
    response = admin_client.post(url)

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert Review.objects.get(pk=reviews["flagged"].pk).is_hidden is True
    rating = ProductRating.objects.get(product=product)
    assert (rating.average, rating.count) == (Decimal("4.00"), 2)
    client.logout()
    page = client.get(product.url).content.decode()
    assert "spam.example" not in page
    assert "(2 reviews)" in page


def test_admin_restores_a_hidden_review(admin_client, reviews, product):
    admin_client.post(reverse("review:hide", args=[reviews["flagged"].pk]))

    response = admin_client.post(
        reverse("review:restore", args=[reviews["flagged"].pk])
    )

    assert response.status_code == 302
    assert Review.objects.get(pk=reviews["flagged"].pk).is_hidden is False
    rating = ProductRating.objects.get(product=product)
    assert (rating.average, rating.count) == (Decimal("3.00"), 3)


def test_admin_filters_hidden_reviews(admin_client, reviews, admin_user):
    admin_client.post(reverse("review:hide", args=[reviews["once"].pk]))

    response = admin_client.get(INDEX, {"is_hidden": "true"})

    assert response.status_code == 200
    assert [review.comment for review in response.context["object_list"]] == ["Meh"]


def _moderation_urls(review) -> list[str]:
    return [
        INDEX,
        reverse("review:index_results"),
        reverse("review:inspect", args=[review.pk]),
        reverse("review:hide", args=[review.pk]),
        reverse("review:restore", args=[review.pk]),
    ]


def test_a_vendor_cannot_reach_moderation(vendor_client, reviews):
    dashboard = vendor_client.get(reverse("wagtailadmin_home"))
    answers = [
        vendor_client.get(url).status_code
        for url in _moderation_urls(reviews["flagged"])
    ]
    posted = vendor_client.post(reverse("review:hide", args=[reviews["flagged"].pk]))

    assert dashboard.status_code == 200
    assert INDEX not in dashboard.content.decode()
    # Not in the vendor table of vendors.admin_routes: 404, as for no review.
    assert answers == [404] * len(answers)
    assert posted.status_code == 404
    assert Review.objects.filter(is_hidden=True).count() == 0


def test_a_buyer_cannot_reach_moderation(buyer_client, reviews):
    answers = [
        buyer_client.get(url).status_code
        for url in _moderation_urls(reviews["flagged"])
    ]

    assert answers == [404] * len(answers)


@pytest.mark.parametrize("pk", [0, 999_999])
def test_moderating_an_unknown_review_is_404(admin_client, db, pk):
    assert admin_client.post(reverse("review:hide", args=[pk])).status_code == 404
    assert admin_client.get(reverse("review:inspect", args=[pk])).status_code == 404


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_listing_has_a_visible_hide_or_restore_button_posting_with_csrf(
    admin_client, reviews
):
    admin_client.post(reverse("review:hide", args=[reviews["once"].pk]))

    html = admin_client.get(INDEX).content.decode()

    hide = reverse("review:hide", args=[reviews["flagged"].pk])
    restore = reverse("review:restore", args=[reviews["once"].pk])
    assert f'<form method="post" action="{hide}"' in html
    assert f'<form method="post" action="{restore}"' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 3
    assert html.count(">Hide</button>") == 2
    assert html.count(">Restore</button>") == 1


def test_listing_reads_as_words_not_raw_values(admin_client, reviews):
    admin_client.post(reverse("review:hide", args=[reviews["once"].pk]))

    html = admin_client.get(INDEX).content.decode()

    table = _between(html, '<table class="listing', "</table>")
    assert "Hidden" in table and "Visible" in table
    assert "Not verified" in table
    assert "★★★★★ 5/5" in table
    for raw in (">True<", ">False<", ">None<", 'title="True"', 'title="False"'):
        assert raw not in table


def test_review_screen_reads_as_words_with_links(admin_client, reviews, product):
    review = reviews["quiet"]

    html = admin_client.get(reverse("review:inspect", args=[review.pk])).content
    fields = _between(html.decode(), "<dl>", "</dl>")

    assert reverse("wagtailadmin_pages:edit", args=[product.pk]) in fields
    assert reverse("wagtailusers_users:edit", args=[review.user.pk]) in fields
    assert "Visible" in fields and "Not verified" in fields
    assert "—" in fields  # never hidden, no reply
    assert review.created_at.strftime("%b %-d, %Y") in fields
    assert "No reports" in fields
    for raw in ("True", "False", "None"):
        assert raw not in fields


def test_review_screen_has_a_hide_button_that_comes_back_to_it(admin_client, reviews):
    review = reviews["flagged"]
    inspect_url = reverse("review:inspect", args=[review.pk])
    hide = reverse("review:hide", args=[review.pk])

    html = admin_client.get(inspect_url).content.decode()
    response = admin_client.post(hide, {"next": inspect_url})

    assert f'<form method="post" action="{hide}"' in html
    assert f'name="next" value="{inspect_url}"' in html
    assert response.status_code == 302
    assert response["Location"] == inspect_url
    restored = admin_client.get(inspect_url).content.decode()
    assert reverse("review:restore", args=[review.pk]) in restored


def test_moderation_refuses_a_post_without_the_csrf_token(client, admin_user, reviews):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    url = reverse("review:hide", args=[reviews["flagged"].pk])

    refused = browser.post(url)
    html = browser.get(INDEX).content.decode()
    token = _between(html, 'name="csrfmiddlewaretoken" value="', '">').split('"')[-1]
    accepted = browser.post(url, {"csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert Review.objects.get(pk=reviews["flagged"].pk).is_hidden is True


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", ""]
)
def test_moderation_goes_back_only_to_this_site(admin_client, reviews, next_url):
    response = admin_client.post(
        reverse("review:hide", args=[reviews["flagged"].pk]), {"next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == INDEX


def test_hiding_a_hidden_review_changes_nothing(admin_client, reviews):
    url = reverse("review:hide", args=[reviews["flagged"].pk])
    admin_client.post(url)
    hidden_at = Review.objects.get(pk=reviews["flagged"].pk).hidden_at

    response = admin_client.post(url, follow=True)

    assert Review.objects.get(pk=reviews["flagged"].pk).hidden_at == hidden_at
    assert "The review was already hidden." in response.content.decode()
