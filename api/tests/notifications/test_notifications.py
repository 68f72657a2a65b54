"""The notifications API of the contract: own notifications only, newest first,
mark read, e-mail preferences; a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.kinds import KINDS
from notifications.models import EmailPreference, Notification
from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
LIST = "/api/notifications/"
PREFERENCES = "/api/notifications/preferences/"


def test_a_user_sees_their_own_notifications_newest_first(client_as, buyer):
    older = NotificationFactory(user=buyer, title="Older")
    newer = NotificationFactory(user=buyer, title="Newer")
    Notification.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timezone.timedelta(hours=1), read_at=timezone.now()
    )
    NotificationFactory(title="Someone else's")

    response = client_as(buyer).get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["unread_count"] == 1
    assert [item["title"] for item in body["results"]] == ["Newer", "Older"]
    assert set(body["results"][0]) == {
        "id",
        "kind",
        "title",
        "body",
        "url",
        "created_at",
        "read_at",
    }
    assert body["results"][0]["id"] == newer.pk
    assert body["results"][0]["read_at"] is None


@pytest.mark.parametrize(("value", "count"), [("true", 1), ("false", 2), ("1", 1)])
def test_unread_filter(client_as, buyer, value, count):
    NotificationFactory(user=buyer)
    NotificationFactory(user=buyer, read_at=timezone.now())

    body = client_as(buyer).get(LIST, {"unread": value}).json()

    assert body["count"] == count
    assert body["unread_count"] == 1


def test_a_bad_unread_value_is_a_400(client_as, buyer):
    response = client_as(buyer).get(LIST, {"unread": "perhaps"})

    assert response.status_code == 400
    assert "unread" in response.json()


def test_anonymous_requests_are_refused(client_as):
    client = client_as(None)

    assert client.get(LIST).status_code == 401
    assert client.post(f"{LIST}read-all/").status_code == 401
    assert client.get(PREFERENCES).status_code == 401


def test_mark_one_read(client_as, buyer):
    notification = NotificationFactory(user=buyer)

    response = client_as(buyer).post(f"{LIST}{notification.pk}/read/")

    assert response.status_code == 200
    assert response.json()["id"] == notification.pk
    assert response.json()["read_at"] is not None
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.parametrize("bad_id", ["0", "abc", "99999999999999999999999"])
def test_mark_read_of_no_such_notification_is_a_404(client_as, buyer, bad_id):
    response = client_as(buyer).post(f"{LIST}{bad_id}/read/")

    assert response.status_code == 404


def test_nobody_marks_anothers_notification_read(client_as, buyer):
    theirs = NotificationFactory()

    response = client_as(buyer).post(f"{LIST}{theirs.pk}/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read_touches_only_ones_own(client_as, buyer):
    NotificationFactory.create_batch(3, user=buyer)
    NotificationFactory(user=buyer, read_at=timezone.now())
    theirs = NotificationFactory()

    response = client_as(buyer).post(f"{LIST}read-all/")

    assert response.status_code == 200
    assert response.json() == {"updated": 3}
    assert not Notification.objects.filter(user=buyer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_preferences_are_all_on_until_switched_off(client_as, buyer):
    body = client_as(buyer).get(PREFERENCES).json()

    assert body == {"email": dict.fromkeys(KINDS, True)}


def test_patch_switches_only_the_kinds_given(client_as, buyer):
    client = client_as(buyer)

    response = client.patch(
        PREFERENCES,
        {"email": {"review_replied": False, "order_paid": True}},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["email"]["review_replied"] is False
    assert response.json()["email"]["order_paid"] is True
    assert client.get(PREFERENCES).json()["email"]["review_replied"] is False
    assert set(
        EmailPreference.objects.filter(user=buyer).values_list("kind", "email")
    ) == {("order_paid", True), ("review_replied", False)}


@pytest.mark.parametrize(
    "payload",
    [
        {"email": {"no_such_kind": False}},
        {"email": {"order_paid": "nope"}},
        {"email": {"order_paid": False, "review_replied": 3}},
        {"email": ["order_paid"]},
        {},
    ],
)
def test_bad_preferences_are_a_400_and_change_nothing(client_as, buyer, payload):
    response = client_as(buyer).patch(PREFERENCES, payload, format="json")

    assert response.status_code == 400
    assert not EmailPreference.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_however_many_notifications(client_as, buyer):
    client = client_as(buyer)
    NotificationFactory.create_batch(2, user=buyer)
    few = _queries(client, LIST)

    NotificationFactory.create_batch(8, user=buyer)
    many = _queries(client, LIST)

    assert few == many
    assert many <= 5


def test_no_user_sees_anothers_notifications(client_as, buyer):
    other = UserFactory()
    NotificationFactory.create_batch(2, user=other)

    body = client_as(buyer).get(LIST).json()

    assert (body["count"], body["unread_count"], body["results"]) == (0, 0, [])
