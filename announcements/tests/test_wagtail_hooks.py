import pytest
from django.urls import reverse

from announcements.models import Announcement
from announcements.tests.conftest import TWEET_ID
from vendors.tests.factories import StorePageFactory

INDEX = reverse("announcement:index")


@pytest.fixture
def announcements(db):
    def make(title, status, **fields):
        return Announcement.objects.create(
            kind=Announcement.Kind.STORE,
            title=title,
            url="https://shop.example.com/stores/x/",
            text=f"New store: {title}",
            status=status,
            **fields,
        )

    return {
        "sent": make("Kiln Studio", Announcement.Status.SENT, tweet_id=TWEET_ID),
        "failed": make(
            "Book Nook",
            Announcement.Status.FAILED,
            attempts=1,
            last_error="Post: 401 Unauthorized",
        ),
        "skipped": make("Drum Shed", Announcement.Status.SKIPPED),
    }


def _titles(response):
    return [announcement.title for announcement in response.context["object_list"]]


def test_admin_sees_every_announcement_with_its_outcome(admin_client, announcements):
    response = admin_client.get(INDEX)

    assert response.status_code == 200
    assert _titles(response) == ["Drum Shed", "Book Nook", "Kiln Studio"]
    content = response.content.decode()
    assert TWEET_ID in content
    assert "Post: 401 Unauthorized" in content
    assert reverse("announcement:retry", args=[announcements["failed"].pk]) in content
    assert reverse("announcement:retry", args=[announcements["sent"].pk]) not in content


@pytest.mark.parametrize(
    ("status", "expected"),
    [("failed", ["Book Nook"]), ("sent", ["Kiln Studio"]), ("pending", [])],
)
def test_admin_filters_announcements_by_status(
    admin_client, announcements, status, expected
):
    response = admin_client.get(INDEX, {"status": status})

    assert response.status_code == 200
    assert _titles(response) == expected


def test_admin_searches_announcements(admin_client, announcements):
    response = admin_client.get(INDEX, {"q": "nook"})

    assert response.status_code == 200
    assert _titles(response) == ["Book Nook"]


def test_admin_inspects_an_announcement(admin_client, announcements):
    failed = announcements["failed"]

    response = admin_client.get(reverse("announcement:inspect", args=[failed.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "New store: Book Nook" in content
    assert "Post: 401 Unauthorized" in content
    assert reverse("announcement:retry", args=[failed.pk]) in content


def test_admin_menu_lists_announcements(admin_client):
    response = admin_client.get("/admin/")

    assert INDEX in response.content.decode()


def test_admin_retries_a_failed_announcement(
    admin_client, store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    failed = Announcement.objects.get(page=store)
    Announcement.objects.filter(pk=failed.pk).update(
        status=Announcement.Status.FAILED, attempts=1, last_error="Post: 401"
    )
    retry = reverse("announcement:retry", args=[failed.pk])
    assert admin_client.get(retry).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(retry)

    assert response.status_code == 302
    assert response.url == INDEX
    failed.refresh_from_db()
    assert failed.status == Announcement.Status.SENT
    assert failed.tweet_id == TWEET_ID
    assert failed.attempts == 1
    assert failed.last_error == ""
    assert len(x_accepts.calls) == 1


def test_admin_cannot_retry_a_sent_announcement(
    admin_client, announcements, x_accepts, django_capture_on_commit_callbacks
):
    sent = announcements["sent"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("announcement:retry", args=[sent.pk]), follow=True
        )

    assert "An announcement that is Sent cannot be retried." in (
        response.content.decode()
    )
    sent.refresh_from_db()
    assert sent.status == Announcement.Status.SENT
    assert len(x_accepts.calls) == 0


def test_announcements_cannot_be_written_by_hand(admin_client, announcements):
    sent = announcements["sent"]

    assert admin_client.get(f"{INDEX}new/").status_code == 404
    assert admin_client.get(f"{INDEX}edit/{sent.pk}/").status_code == 404
    assert admin_client.get(f"{INDEX}delete/{sent.pk}/").status_code == 404


def test_vendor_neither_sees_nor_reaches_announcements(vendor_client, announcements):
    failed = announcements["failed"]

    home = vendor_client.get("/admin/")
    index = vendor_client.get(INDEX)
    inspect = vendor_client.get(reverse("announcement:inspect", args=[failed.pk]))
    retry = vendor_client.post(reverse("announcement:retry", args=[failed.pk]))

    assert home.status_code == 200
    assert INDEX not in home.content.decode()
    assert "X announcements" not in home.content.decode()
    # Deny by default (vendors.admin_routes): not a screen vendors may reach.
    for response in (index, inspect, retry):
        assert response.status_code == 404
    failed.refresh_from_db()
    assert failed.status == Announcement.Status.FAILED
    assert failed.attempts == 1
