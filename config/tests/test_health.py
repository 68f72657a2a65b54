import os
import secrets
import subprocess
import sys

import pytest
import redis
from django.test import override_settings

from config import health
from config.tests.test_settings import BASE_DIR, NOT_INHERITED

LIVE = "/health/live/"
READY = "/health/ready/"
# Nothing listens on port 1: connecting is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def test_liveness_answers_ok_without_touching_the_database(client):
    # No django_db mark: any query would raise here.
    response = client.get(LIVE)

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain"
    assert response.cookies == {}


@pytest.mark.parametrize("path", [LIVE, READY])
@pytest.mark.django_db
def test_health_answers_a_balancer_probing_over_http_by_address(client, path):
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = client.get(path, HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200


@pytest.mark.parametrize("path", [LIVE, READY])
def test_health_refuses_writes(client, path):
    response = client.post(path)

    assert response.status_code == 405


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_readiness_checks_database_cache_and_task_queue(client):
    response = client.get(READY)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]
    assert response.cookies == {}


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_readiness_runs_one_query_per_database_check(client, django_assert_num_queries):
    # SELECT 1, then one cheap query on the task table.
    with django_assert_num_queries(2):
        client.get(READY)


@pytest.mark.django_db
def test_readiness_names_a_cache_it_cannot_reach(client):
    dead_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }
    with override_settings(CACHES=dead_cache):
        response = client.get(READY)

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "fail", "tasks": "ok"},
    }


@pytest.mark.django_db
def test_readiness_names_a_cache_that_loses_what_it_was_given(client):
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        response = client.get(READY)

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail"


@override_settings(TASKS=DB_TASKS)
def test_readiness_names_the_database_when_it_cannot_be_reached(client):
    # No django_db mark: pytest-django makes every connection attempt raise, as
    # a database that is down would.
    response = client.get(READY)

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "fail",
        "cache": "ok",
        "tasks": "fail",
    }


@pytest.mark.django_db
@override_settings(TASKS=RQ_TASKS)
def test_readiness_pings_the_redis_of_the_rq_queue(client):
    # Redis database 15, as the RQ worker test; CI starts Redis.
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.ConnectionError:
        pytest.fail("This test needs Redis on 127.0.0.1:6379 (see .ci/run).")

    response = client.get(READY)

    assert response.status_code == 200
    assert response.json()["checks"]["tasks"] == "ok"


@pytest.mark.django_db
def test_readiness_names_an_rq_queue_it_cannot_reach(client):
    with override_settings(TASKS=RQ_TASKS, RQ_QUEUES={"default": {"URL": DEAD_REDIS}}):
        response = client.get(READY)

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "tasks": "fail",
    }


def test_readiness_logs_why_a_check_failed(client, caplog):
    with override_settings(TASKS=DB_TASKS):
        client.get(READY)

    failures = [r for r in caplog.records if r.name == health.logger.name]
    assert [r.getMessage() for r in failures] == [
        "Readiness check 'database' failed",
        "Readiness check 'tasks' failed",
    ]
    assert all(r.exc_info for r in failures)


def test_production_settings_answer_a_probe_over_http_by_address(tmp_path):
    # Production redirects plain HTTP and refuses unknown hosts; a probe is neither.
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/health/live/', HTTP_HOST='10.0.0.7:8000')\n"
        "print(r.status_code, r.content.decode())\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in NOT_INHERITED},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "shop.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }

    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200 ok"
