"""An admin moderates reviews in Chromium: the dashboard's queue, the listing's
search and Hide button, the review screen's Restore button."""

import pytest

from accounts.tests.factories import UserFactory
from reviews.models import Review
from reviews.tests.factories import ReviewFactory, ReviewReportFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def flagged(product):
    ReviewFactory(product=product, comment="Lovely glaze")
    review = ReviewFactory(product=product, rating=1, comment="Buy at spam.example")
    ReviewReportFactory(review=review, user=UserFactory(), details="An advert")
    return review


def test_admin_hides_from_the_dashboard_queue(
    live_server, page_in_browser, log_in_with_cookie, admin_user, flagged
):
    tab = page_in_browser
    log_in_with_cookie(admin_user)

    tab.goto(f"{live_server.url}/admin/")
    dashboard = tab.inner_text(".w-dashboard")
    tab.get_by_role(
        "button", name=f"Hide the review by {flagged.user.username}"
    ).click()
    tab.wait_for_selector(".messages .success")

    assert dashboard.index("Reported reviews (1)") < dashboard.index(
        "Marketplace sales"
    )
    assert tab.url == f"{live_server.url}/admin/"
    assert "spam.example" not in tab.inner_text("main")
    assert Review.objects.get(pk=flagged.pk).is_hidden is True


def test_admin_searches_hides_and_restores_a_review(
    live_server, page_in_browser, log_in_with_cookie, admin_user, flagged
):
    tab = page_in_browser
    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")

    tab.get_by_role("link", name="Reviews", exact=True).click()
    tab.fill("#id_q", "spam")
    tab.locator("tbody tr", has_text="Lovely glaze").wait_for(state="detached")
    row = tab.locator("tbody tr", has_text="spam.example")
    row.get_by_role("button", name="Hide").click()
    tab.wait_for_selector(".messages .success")
    hidden_row = tab.locator("tbody tr", has_text="spam.example")
    hidden_status = hidden_row.inner_text().lower()
    back_to = tab.url

    hidden_row.get_by_role("link", name=flagged.product.title).click()
    fields = tab.inner_text("dl")
    tab.get_by_role("button", name="Restore").click()
    tab.wait_for_selector(".messages .success")

    assert back_to.startswith(f"{live_server.url}/admin/review/?q=spam")
    assert "hidden" in hidden_status and "restore" in hidden_status
    assert f"/admin/review/inspect/{flagged.pk}/" in tab.url
    assert "Hidden" in fields and "An advert" in fields
    for raw in ("True", "False", "None"):
        assert raw not in fields
    assert "visible on the product page" in tab.inner_text("main")
    assert Review.objects.get(pk=flagged.pk).is_hidden is False
