"""The moderation queue leads a moderator's dashboard."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Workflow

from accounts.tests.factories import UserFactory
from reviews.models import Review
from reviews.tests.factories import (
    ReviewFactory,
    ReviewReplyFactory,
    ReviewReportFactory,
)

HOME = reverse("wagtailadmin_home")


@pytest.fixture
def reported(product):
    once = ReviewFactory(product=product, comment="Spam once")
    twice = ReviewFactory(product=product, comment="Spam twice")
    hidden = ReviewFactory(product=product, comment="Already hidden")
    ReviewFactory(product=product, comment="Nobody minds")
    ReviewReportFactory(review=once)
    ReviewReportFactory(review=twice)
    ReviewReportFactory(review=twice)
    ReviewReportFactory(review=hidden)
    return {"once": once, "twice": twice, "hidden": hidden}


def test_reported_reviews_and_awaiting_review_come_first_for_an_admin(
    admin_client, admin_user, reported, product, vendor
):
    Workflow.objects.get(name="Moderators approval").start(product, vendor)

    response = admin_client.get(HOME)

    html = response.content.decode()
    names = [panel.name for panel in response.context["panels"]]
    assert names[:2] == ["reported_reviews", "workflow_objects_to_moderate"]
    assert "sales" in names
    assert (
        html.index('id="reported-reviews')
        < html.index("Awaiting your review")
        # The panel's heading: the Reports menu also names "Marketplace sales".
        < html.index("Marketplace sales, last 30 days")
    )


def test_reported_panel_lists_visible_reported_reviews_most_reported_first(
    admin_client, reported
):
    admin_client.post(reverse("review:hide", args=[reported["hidden"].pk]))

    response = admin_client.get(HOME)

    html = response.content.decode()
    panel = html[html.index('id="reported-reviews') :]
    panel = panel[: panel.index("</section>")]
    assert "Reported reviews (2)" in panel
    assert panel.index("Spam twice") < panel.index("Spam once")
    assert "Already hidden" not in panel and "Nobody minds" not in panel
    assert panel.count(">Hide</button>") == 2
    assert f'name="next" value="{HOME}"' in panel


def test_hiding_from_the_panel_comes_back_to_the_dashboard(admin_client, reported):
    response = admin_client.post(
        reverse("review:hide", args=[reported["twice"].pk]), {"next": HOME}
    )

    assert response["Location"] == HOME
    assert Review.objects.get(pk=reported["twice"].pk).is_hidden is True
    assert "Reported reviews (2)" in admin_client.get(HOME).content.decode()


def test_no_reported_panel_without_reports(admin_client, product):
    ReviewFactory(product=product)

    response = admin_client.get(HOME)

    assert response.status_code == 200
    assert "reported-reviews" not in response.content.decode()


@pytest.mark.parametrize("role", ["vendor", "staff"])
def test_only_superusers_get_the_reported_panel(client, reported, vendor, role):
    if role == "staff":
        user = UserFactory(is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        user = vendor
    client.force_login(user)

    response = client.get(HOME)

    assert response.status_code == 200
    names = [panel.name for panel in response.context["panels"]]
    assert "reported_reviews" not in names
    assert "Reported reviews" not in response.content.decode()


def test_a_vendor_sees_their_newest_unanswered_reviews_above_their_sales(
    vendor_client, product
):
    for n in range(4):
        ReviewFactory(product=product, comment=f"Question {n}")
    answered = ReviewFactory(product=product, comment="Answered one")
    ReviewReplyFactory(review=answered)

    response = vendor_client.get(HOME)

    html = response.content.decode()
    names = [panel.name for panel in response.context["panels"]]
    assert names.index("review_inbox") < names.index("sales")
    assert "Reviews waiting for your reply (4)" in html
    assert "Question 3" in html and "Question 1" in html
    assert "Question 0" not in html and "Answered one" not in html
    assert reverse("review_inbox:index") in html


def test_no_inbox_panel_when_every_review_is_answered(vendor_client, product):
    ReviewReplyFactory(review=ReviewFactory(product=product))

    html = vendor_client.get(HOME).content.decode()

    assert "Reviews waiting for your reply" not in html
