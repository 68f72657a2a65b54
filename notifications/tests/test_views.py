"""The site's notifications page, the bell, the preferences page, the one-click
unsubscribe, and the admin's panel and menu item."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.emails import unsubscribe_token
from notifications.models import EmailPreference, Notification
from notifications.tests.factories import NotificationFactory
from reviews.services import review_create

pytestmark = pytest.mark.django_db
LIST = "/notifications/"


def test_the_page_lists_ones_own_newest_first(buyer_client, buyer):
    NotificationFactory(user=buyer, title="First thing")
    NotificationFactory(user=buyer, title="Second thing")
    NotificationFactory(title="Someone else's thing")

    html = buyer_client.get(LIST).content.decode()

    assert html.index("Second thing") < html.index("First thing")
    assert "Someone else" not in html
    assert "Mark all read (2)" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_opening_one_marks_it_read_and_lands_on_what_it_is_about(buyer_client, buyer):
    notification = NotificationFactory(user=buyer, url="/orders/ABCD1234/")

    response = buyer_client.get(f"{LIST}{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/orders/ABCD1234/"
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.parametrize("bad", ["0", "x", "123456789012345678901234567890"])
def test_opening_no_such_notification_is_a_404(buyer_client, bad):
    assert buyer_client.get(f"{LIST}{bad}/").status_code == 404


def test_nobody_opens_or_marks_anothers(buyer_client):
    theirs = NotificationFactory()

    assert buyer_client.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert buyer_client.post(f"{LIST}{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_one_and_all_read(buyer_client, buyer):
    first, second, third = NotificationFactory.create_batch(3, user=buyer)
    theirs = NotificationFactory()

    response = buyer_client.post(f"{LIST}{first.pk}/read/")
    assert response.status_code == 302
    assert Notification.objects.filter(user=buyer, read_at__isnull=True).count() == 2

    buyer_client.post(f"{LIST}read-all/")

    assert not Notification.objects.filter(user=buyer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_marking_read_needs_a_post(buyer_client, buyer):
    NotificationFactory(user=buyer)

    assert buyer_client.get(f"{LIST}read-all/").status_code == 405


def test_the_page_costs_the_same_queries_however_many_notifications(
    buyer_client, buyer
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert buyer_client.get(LIST).status_code == 200
        return len(captured)

    NotificationFactory.create_batch(2, user=buyer)
    queries()  # The first request of a session looks up the site once.
    few = queries()
    NotificationFactory.create_batch(10, user=buyer)

    assert queries() == few


def test_a_page_that_is_not_cached_shows_the_bell_with_the_count(buyer_client, buyer):
    NotificationFactory.create_batch(2, user=buyer)
    NotificationFactory(user=buyer, read_at=timezone.now())

    html = buyer_client.get("/orders/").content.decode()

    bell = re.search(r"data-notifications-unread[^>]*>(\d+)", html)
    assert bell and bell.group(1) == "2"


def test_a_cached_page_has_the_same_neutral_bell_for_everyone(client, buyer, product):
    NotificationFactory.create_batch(3, user=buyer)
    client.force_login(buyer)
    mine = client.get(product.url)
    client.logout()

    theirs = client.get(product.url)

    assert (mine["X-Cache"], theirs["X-Cache"]) == ("MISS", "HIT")
    assert mine.content == theirs.content
    html = mine.content.decode()
    assert '<li class="nav-item" data-notifications-bell hidden>' in html
    assert "data-notifications-unread hidden></span>" in html


def test_session_state_gives_the_unread_count(client, buyer_client, buyer):
    NotificationFactory.create_batch(2, user=buyer)
    NotificationFactory()

    assert buyer_client.get("/session-state/").json()["notifications_unread"] == 2
    client.logout()
    assert Client().get("/session-state/").json()["notifications_unread"] == 0


def test_a_buyer_chooses_buyer_kinds_only(buyer_client, buyer):
    html = buyer_client.get("/notifications/preferences/").content.decode()

    assert 'name="email_order_shipped"' in html
    assert 'name="email_order_received"' not in html

    buyer_client.post(
        "/notifications/preferences/",
        {"email_order_paid": "on", "email_order_shipped": "on"},
    )

    off = set(
        EmailPreference.objects.filter(user=buyer, email=False).values_list(
            "kind", flat=True
        )
    )
    assert "review_replied" in off and "order_delivered" in off
    assert "order_paid" not in off and "order_shipped" not in off
    assert "order_received" not in off


def test_a_vendor_chooses_buyer_and_vendor_kinds(vendor_client, vendor):
    html = vendor_client.get("/notifications/preferences/").content.decode()

    assert "As a buyer" in html and "As a vendor" in html
    assert 'name="email_review_received"' in html


def test_the_unsubscribe_link_of_an_email_switches_that_kind_off(
    buyer, vendor, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_create(user=buyer, product=product, rating=5)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://testserver")
    # Mail clients post without a session or a CSRF token (RFC 8058).
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert page.status_code == 200
    assert not EmailPreference.objects.exists()

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "data-unsubscribed" in response.content.decode()
    assert EmailPreference.objects.get(user=vendor).kind == "review_received"
    assert not EmailPreference.objects.get(user=vendor).email


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxLCJrIjoib3JkZXJfcGFpZCJ9"])
def test_a_forged_unsubscribe_link_is_a_400(client, buyer, token):
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not EmailPreference.objects.exists()


def test_an_unsubscribe_link_for_a_user_who_is_gone_is_a_400(client):
    user = UserFactory()
    token = unsubscribe_token(user_id=user.pk, kind="review_replied")
    user.delete()

    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400


def test_vendors_see_their_notifications_in_the_admin(vendor_client, vendor):
    NotificationFactory(user=vendor, kind="order_received", title="New order X1")
    NotificationFactory(user=vendor, read_at=timezone.now(), title="Old news")

    html = vendor_client.get("/admin/").content.decode()

    assert "data-notifications-panel" in html
    assert "New order X1" in html and "Old news" in html
    assert "Notifications (1)" in html
