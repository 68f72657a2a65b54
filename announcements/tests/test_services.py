import json
import threading
from datetime import timedelta

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from announcements.exceptions import AnnouncementNotRetryable
from announcements.models import Announcement
from announcements.services import (
    NOT_CONFIGURED,
    PAGE_GONE,
    announcement_retry,
    announcement_send,
    announcements_enqueue_due,
)
from announcements.tasks import announcement_send_task
from announcements.tests.conftest import MEDIA_ID, TWEET_ID, TWEET_URL, UPLOAD_URL
from shop.models import Stock
from vendors.models import ProductPage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

STORE_URL = "https://shop.example.com/stores/kiln-studio/"
MUG_URL = "https://shop.example.com/stores/kiln-studio/speckled-mug/"


@pytest.fixture
def store(store_index, vendor):
    """A published store whose own announcement was recorded but never sent (the
    test's transaction never commits), so the tests see only their own posts."""
    return StorePageFactory(
        vendor=vendor, title="Kiln Studio", description="Stoneware, fired by hand."
    )


def _publish_product(capture, **kwargs):
    with capture(execute=True):
        product = ProductPageFactory(title="Speckled mug", **kwargs)
    return product, Announcement.objects.get(page=product)


def _sent_json(call) -> dict:
    return json.loads(call.request.body)


def test_publishing_a_store_posts_its_name_description_and_address(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        store = StorePageFactory(
            vendor=vendor, title="Kiln Studio", description="Stoneware, fired by hand."
        )

    announcement = Announcement.objects.get()
    assert store.get_full_url() == STORE_URL
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]
    request = x_accepts.calls[0].request
    assert request.headers["Authorization"].startswith("OAuth ")
    assert 'oauth_consumer_key="consumer-key"' in request.headers["Authorization"]
    assert 'oauth_token="access-token"' in request.headers["Authorization"]
    assert _sent_json(x_accepts.calls[0]) == {
        "text": f"New store: Kiln Studio\nStoneware, fired by hand.\n{STORE_URL}"
    }
    assert announcement.page_id == store.pk
    assert announcement.kind == Announcement.Kind.STORE
    assert announcement.title == "Kiln Studio"
    assert announcement.url == STORE_URL
    assert announcement.status == Announcement.Status.SENT
    assert announcement.tweet_id == TWEET_ID
    assert announcement.attempts == 1
    assert announcement.last_error == ""
    assert announcement.sent_at is not None
    assert announcement.next_attempt_at is None


def test_publishing_a_product_uploads_its_picture_then_posts_with_the_media_id(
    store, x_accepts, django_capture_on_commit_callbacks
):
    picture = ImageFactory()

    product, announcement = _publish_product(
        django_capture_on_commit_callbacks,
        store=store,
        price="24.00",
        image=picture,
    )

    assert [call.request.url for call in x_accepts.calls] == [UPLOAD_URL, TWEET_URL]
    upload = x_accepts.calls[0].request
    assert upload.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="media"' in upload.body
    assert b"\xff\xd8\xff" in upload.body  # the JPEG rendition's own bytes
    assert upload.headers["Authorization"].startswith("OAuth ")
    assert _sent_json(x_accepts.calls[1]) == {
        "text": f"New at Kiln Studio: Speckled mug, $24.00\n{MUG_URL}",
        "media": {"media_ids": [MEDIA_ID]},
    }
    assert announcement.kind == Announcement.Kind.PRODUCT
    assert announcement.status == Announcement.Status.SENT
    assert announcement.media_id == MEDIA_ID
    assert announcement.tweet_id == TWEET_ID


def test_a_product_without_picture_is_posted_as_text(
    store, x_accepts, django_capture_on_commit_callbacks
):
    _, announcement = _publish_product(
        django_capture_on_commit_callbacks, store=store, price="9.50"
    )

    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]
    assert _sent_json(x_accepts.calls[0]) == {
        "text": f"New at Kiln Studio: Speckled mug, $9.50\n{MUG_URL}"
    }
    assert announcement.media_id == ""
    assert announcement.status == Announcement.Status.SENT


def test_a_draft_is_not_announced(store, x_accepts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ProductPageFactory(store=store, publish=False)

    assert Announcement.objects.exclude(page=store).count() == 0
    assert len(x_accepts.calls) == 0


def test_an_inactive_store_and_its_products_are_announced_once_it_opens(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        store = StorePageFactory(vendor=vendor, title="Kiln Studio", is_active=False)
        product = ProductPageFactory(store=store, title="Speckled mug")
    assert Announcement.objects.count() == 0
    assert len(x_accepts.calls) == 0

    store.is_active = True
    with django_capture_on_commit_callbacks(execute=True):
        store.save_revision().publish()
    assert sorted(Announcement.objects.values_list("page", "status")) == [
        (store.pk, Announcement.Status.SENT),
        (product.pk, Announcement.Status.SENT),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
    assert Announcement.objects.filter(page=product).count() == 1
    assert len(x_accepts.calls) == 2


def test_a_page_behind_a_view_restriction_is_not_announced(
    store, x_accepts, django_capture_on_commit_callbacks
):
    PageViewRestriction.objects.create(
        page=store, restriction_type=PageViewRestriction.LOGIN
    )

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductPageFactory(store=store)

    assert not Announcement.objects.filter(page=product).exists()
    assert len(x_accepts.calls) == 0


def test_republishing_and_editing_never_announce_again(
    store, x_accepts, django_capture_on_commit_callbacks
):
    product, announcement = _publish_product(
        django_capture_on_commit_callbacks, store=store
    )

    product.title = "Speckled mug, large"
    product.price = "30.00"
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
        product.unpublish()
        product.save_revision().publish()
        product.save_revision()

    assert Announcement.objects.filter(page=product).count() == 1
    assert len(x_accepts.calls) == 1
    announcement.refresh_from_db()
    assert announcement.title == "Speckled mug"
    assert announcement.status == Announcement.Status.SENT


def test_without_credentials_the_announcement_is_skipped_and_nothing_sent(
    store, x_api, django_capture_on_commit_callbacks
):
    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    assert announcement.status == Announcement.Status.SKIPPED
    assert announcement.last_error == NOT_CONFIGURED
    assert announcement.attempts == 0
    assert announcement.text == f"New at Kiln Studio: Speckled mug, $10.00\n{MUG_URL}"
    assert len(x_api.calls) == 0


@pytest.mark.parametrize(
    ("response", "error"),
    [
        ({"body": requests.ConnectionError("Connection refused")}, "could not reach X"),
        ({"body": requests.Timeout("Read timed out")}, "could not reach X"),
        ({"status": 429, "json": {"title": "Too Many Requests"}}, "429 Too Many"),
        ({"status": 500, "body": "oops"}, "500 Internal Server Error"),
        ({"status": 503, "json": {"title": "Service Unavailable"}}, "503 Service"),
    ],
    ids=["connection", "timeout", "429", "500", "503"],
)
def test_a_temporary_failure_is_tried_again_later(
    store, x_api, x_configured, django_capture_on_commit_callbacks, response, error
):
    x_api.post(TWEET_URL, **response)
    before = timezone.now()

    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    assert len(x_api.calls) == 1
    assert announcement.status == Announcement.Status.PENDING
    assert announcement.attempts == 1
    assert announcement.last_error.startswith("Post: ")
    assert error in announcement.last_error
    assert (
        before + timedelta(seconds=60)
        <= announcement.next_attempt_at
        <= timezone.now() + timedelta(seconds=60)
    )
    assert announcement.tweet_id == ""


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (
            400,
            {"errors": [{"message": "Invalid media id"}], "title": "Invalid Request"},
            "Post: 400 Bad Request\nInvalid media id",
        ),
        (401, {"title": "Unauthorized", "status": 401}, "Post: 401 Unauthorized"),
        (
            403,
            {"detail": "You are not allowed to create a Tweet with duplicate content."},
            "Post: 403 Forbidden\nYou are not allowed to create a Tweet with "
            "duplicate content.",
        ),
    ],
    ids=["400", "401", "403"],
)
def test_a_refusal_fails_at_once_and_keeps_the_error(
    store, x_api, x_configured, django_capture_on_commit_callbacks, status, body, error
):
    x_api.post(TWEET_URL, status=status, json=body)

    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    assert len(x_api.calls) == 1
    assert announcement.status == Announcement.Status.FAILED
    assert announcement.attempts == 1
    assert announcement.last_error == error
    assert announcement.next_attempt_at is None
    assert announcement_send(announcement_id=announcement.pk) is None
    assert len(x_api.calls) == 1


def test_a_refused_picture_upload_fails_without_posting(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(UPLOAD_URL, status=400, json={"errors": [{"code": 324, "message": "x"}]})

    _, announcement = _publish_product(
        django_capture_on_commit_callbacks, store=store, image=ImageFactory()
    )

    assert [call.request.url for call in x_api.calls] == [UPLOAD_URL]
    assert announcement.status == Announcement.Status.FAILED
    assert announcement.last_error == "Picture upload: 400 Bad Request\n324 - x"


def _due_now(announcement):
    Announcement.objects.filter(pk=announcement.pk).update(
        next_attempt_at=timezone.now()
    )


def test_retries_back_off_exponentially_and_give_up_at_the_limit(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(TWEET_URL, status=503)
    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)
    delays = []

    for _ in range(2):
        delays.append(announcement.next_attempt_at - announcement.updated_at)
        _due_now(announcement)
        announcement = announcement_send(announcement_id=announcement.pk)

    assert [round(delay.total_seconds()) for delay in delays] == [60, 120]
    assert len(x_api.calls) == 3
    assert announcement.status == Announcement.Status.FAILED
    assert announcement.attempts == 3
    assert announcement.last_error == (
        "Post: 503 Service Unavailable (gave up after 3 attempts)"
    )
    assert announcement.next_attempt_at is None


def test_a_retry_that_is_not_due_does_nothing(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(TWEET_URL, status=503)
    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    assert announcement_send(announcement_id=announcement.pk) is None

    assert len(x_api.calls) == 1
    announcement.refresh_from_db()
    assert announcement.attempts == 1


def test_a_rate_limit_waits_for_its_reset_time(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    reset = int((timezone.now() + timedelta(minutes=15)).timestamp())
    x_api.post(TWEET_URL, status=429, headers={"x-rate-limit-reset": str(reset)})

    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    assert announcement.status == Announcement.Status.PENDING
    assert announcement.next_attempt_at.timestamp() == reset


def test_a_retry_after_a_failed_post_reuses_the_uploaded_picture(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(UPLOAD_URL, json={"media_id": 1, "media_id_string": MEDIA_ID})
    x_api.post(TWEET_URL, status=503)
    x_api.post(TWEET_URL, status=201, json={"data": {"id": TWEET_ID, "text": "."}})
    _, announcement = _publish_product(
        django_capture_on_commit_callbacks, store=store, image=ImageFactory()
    )
    _due_now(announcement)

    announcement = announcement_send(announcement_id=announcement.pk)

    urls = [call.request.url for call in x_api.calls]
    assert urls == [UPLOAD_URL, TWEET_URL, TWEET_URL]
    assert _sent_json(x_api.calls[2])["media"] == {"media_ids": [MEDIA_ID]}
    assert announcement.status == Announcement.Status.SENT
    assert announcement.attempts == 2
    assert announcement.tweet_id == TWEET_ID


def test_the_task_does_nothing_for_an_announcement_already_sent(
    store, x_accepts, django_capture_on_commit_callbacks
):
    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)

    result = announcement_send_task.enqueue(announcement.pk)

    assert result.return_value is None
    assert len(x_accepts.calls) == 1
    announcement.refresh_from_db()
    assert announcement.attempts == 1


def test_a_second_worker_cannot_send_an_announcement_being_sent(
    store, x_api, x_configured
):
    product = ProductPageFactory(store=store)  # queued, not sent: never committed
    announcement = Announcement.objects.get(page=product)
    second_worker = []

    def x_posts_while_another_worker_tries(request):
        second_worker.append(announcement_send(announcement_id=announcement.pk))
        return 201, {}, json.dumps({"data": {"id": TWEET_ID, "text": "."}})

    x_api.add_callback("POST", TWEET_URL, callback=x_posts_while_another_worker_tries)

    first_worker = announcement_send(announcement_id=announcement.pk)

    assert second_worker == [None]
    assert first_worker.status == Announcement.Status.SENT
    assert first_worker.attempts == 1
    assert len(x_api.calls) == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite runs one writer at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_the_same_moment_send_an_announcement_once(
    store_index, vendor, settings, x_accepts
):
    # Queued but kept from running, so that the two workers below race for it.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    announcement = Announcement.objects.get(page=StorePageFactory(vendor=vendor))
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        start.wait()
        try:
            outcomes.append(announcement_send(announcement_id=announcement.pk))
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    assert sorted(outcome is None for outcome in outcomes) == [False, True]
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.attempts == 1
    assert len(x_accepts.calls) == 1


def test_publishing_commits_while_x_is_down(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(UPLOAD_URL, body=requests.ConnectionError("X is down"))
    x_api.post(TWEET_URL, body=requests.ConnectionError("X is down"))

    product, announcement = _publish_product(
        django_capture_on_commit_callbacks,
        store=store,
        image=ImageFactory(),
        stock_quantity=7,
    )

    product = ProductPage.objects.get(pk=product.pk)
    assert product.live is True
    assert Stock.objects.get(product=product).quantity == 7
    assert announcement.status == Announcement.Status.PENDING
    assert "could not reach X (Failed to send request: X is down)" in (
        announcement.last_error
    )


def test_a_queue_that_refuses_the_task_leaves_the_publish_saved_and_pending(
    store, settings, x_accepts, django_capture_on_commit_callbacks
):
    immediate = "django_tasks.backends.immediate.ImmediateBackend"

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductPageFactory(store=store)
        # By the commit the queue takes no task, as a queue that is down.
        settings.TASKS = {"default": {"BACKEND": immediate, "QUEUES": ["other"]}}

    announcement = Announcement.objects.get(page=product)
    assert ProductPage.objects.get(pk=product.pk).live is True
    assert announcement.status == Announcement.Status.PENDING
    assert len(x_accepts.calls) == 0

    settings.TASKS = {"default": {"BACKEND": immediate}}
    assert announcements_enqueue_due() == 1
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT


def test_enqueue_due_sends_pending_announcements_whose_time_has_come(
    store, x_accepts, capsys
):
    due = Announcement.objects.get(page=ProductPageFactory(store=store))
    later = Announcement.objects.get(page=ProductPageFactory(store=store))
    Announcement.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )

    call_command("announcements_enqueue_due")

    assert capsys.readouterr().out == "Queued 1 due announcement(s).\n"
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Announcement.Status.SENT
    assert later.status == Announcement.Status.PENDING
    assert later.attempts == 0
    assert len(x_accepts.calls) == 1


def test_a_page_unpublished_before_sending_is_skipped(store, x_accepts):
    product = ProductPageFactory(store=store)
    product.unpublish()

    announcement = announcement_send(
        announcement_id=Announcement.objects.get(page=product).pk
    )

    assert announcement.status == Announcement.Status.SKIPPED
    assert announcement.last_error == PAGE_GONE
    assert len(x_accepts.calls) == 0


def test_a_deleted_page_keeps_its_announcement(
    store, x_accepts, django_capture_on_commit_callbacks
):
    product, announcement = _publish_product(
        django_capture_on_commit_callbacks, store=store
    )

    product.delete()

    announcement.refresh_from_db()
    assert announcement.page is None
    assert announcement.title == "Speckled mug"
    assert announcement.url == MUG_URL
    assert announcement.status == Announcement.Status.SENT


def test_retry_sends_a_failed_announcement_again(
    store, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(TWEET_URL, status=401, json={"title": "Unauthorized"})
    x_api.post(TWEET_URL, status=201, json={"data": {"id": TWEET_ID, "text": "."}})
    _, announcement = _publish_product(django_capture_on_commit_callbacks, store=store)
    assert announcement.status == Announcement.Status.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        announcement_retry(announcement=announcement)

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.attempts == 1
    assert announcement.last_error == ""
    assert len(x_api.calls) == 2


@pytest.mark.parametrize(
    "status", [Announcement.Status.SENT, Announcement.Status.PENDING]
)
def test_retry_refuses_an_announcement_that_is_not_failed_or_skipped(
    store, x_api, status
):
    announcement = Announcement.objects.get(page=store)
    Announcement.objects.filter(pk=announcement.pk).update(status=status, attempts=1)

    with pytest.raises(AnnouncementNotRetryable):
        announcement_retry(announcement=announcement)

    announcement.refresh_from_db()
    assert announcement.status == status
    assert announcement.attempts == 1
    assert len(x_api.calls) == 0
