from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from announcements.models import Announcement
from announcements.tests.conftest import TWEET_ID, TWEET_URL
from vendors.tests.factories import StorePageFactory

# The worker must see what the publish committed, so these tests commit for real;
# the serialized rollback brings back the site and pages the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings, signals_restored):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker_runs_what_is_due():
    call_command(
        "db_worker",
        batch=True,
        startup_delay=False,
        reload=False,
        verbosity=0,
        stdout=StringIO(),
    )


def test_the_database_worker_sends_what_a_publish_queued(
    database_tasks, store_index, vendor, x_accepts
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")

    announcement = Announcement.objects.get(page=store)
    task = DBTaskResult.objects.get(
        task_path="announcements.tasks.announcement_send_task"
    )
    assert announcement.status == Announcement.Status.PENDING
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs == {"args": [announcement.pk], "kwargs": {}}
    assert len(x_accepts.calls) == 0

    _worker_runs_what_is_due()

    announcement.refresh_from_db()
    task.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.tweet_id == TWEET_ID
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == "sent"
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]


def test_the_database_worker_runs_a_retry_only_once_it_is_due(
    database_tasks, store_index, vendor, x_api, x_configured
):
    x_api.post(TWEET_URL, status=503)
    x_api.post(TWEET_URL, status=201, json={"data": {"id": TWEET_ID, "text": "."}})
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    announcement = Announcement.objects.get(page=store)

    _worker_runs_what_is_due()

    announcement.refresh_from_db()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert announcement.status == Announcement.Status.PENDING
    assert announcement.attempts == 1
    assert retry.run_after == announcement.next_attempt_at
    assert retry.args_kwargs == {"args": [announcement.pk], "kwargs": {}}

    _worker_runs_what_is_due()

    assert len(x_api.calls) == 1
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.READY

    an_hour_ago = timezone.now() - timedelta(hours=1)
    Announcement.objects.filter(pk=announcement.pk).update(next_attempt_at=an_hour_ago)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=an_hour_ago)
    _worker_runs_what_is_due()

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.attempts == 2
    assert len(x_api.calls) == 2
