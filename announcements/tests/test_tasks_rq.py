"""The same announcement task on Redis: django-tasks-rq queues it, an RQ worker
runs it (the at-scale set-up of the README)."""

import django_rq
import pytest
import redis
from rq import SimpleWorker

from announcements.models import Announcement
from announcements.tests.conftest import TWEET_ID, TWEET_URL
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # One Redis database for every RQ test: under pytest-xdist (--dist loadgroup)
    # they run on one worker, one after another.
    pytest.mark.xdist_group("redis"),
]


@pytest.fixture
def rq_queue(settings, signals_restored):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    queue = django_rq.get_queue("default")
    try:
        queue.connection.ping()
    except redis.ConnectionError:
        pytest.fail("These tests need Redis on RQ_REDIS_URL (see .ci/run).")
    queue.empty()
    yield queue
    queue.empty()


def test_the_rq_worker_sends_what_a_publish_queued(
    rq_queue, store_index, vendor, x_accepts
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")

    announcement = Announcement.objects.get(page=store)
    queued = [job.func_name for job in rq_queue.get_jobs()]
    assert "announcements.tasks.announcement_send_task" in queued
    assert announcement.status == Announcement.Status.PENDING
    assert len(x_accepts.calls) == 0

    # In this process, so the fake X applies (a forking worker would too, but
    # its writes to an in-memory SQLite test database would be lost).
    worker = django_rq.get_worker(
        "default", job_class="django_tasks_rq.Job", worker_class=SimpleWorker
    )
    worker.work(burst=True, with_scheduler=False)

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.tweet_id == TWEET_ID
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]
    assert rq_queue.count == 0
