"""A seeded SQLite shop moved into MariaDB verifies clean and serves the same pages.

Everything runs in its own processes, as an operator would run it: `migrate` and
`seed_demo` on a SQLite file, `migrate_sqlite_to_mariadb` into a fresh MariaDB
database, then every live page fetched from each database. Needs a MariaDB
server (OPERATIONS_MARIADB_URL, default mysql://root@127.0.0.1:3306); the
databases it makes are named OPERATIONS_TEST_DB_PREFIX* (default test_ops_).
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

MARIADB_URL = os.environ.get("OPERATIONS_MARIADB_URL", "mysql://root@127.0.0.1:3306")
PREFIX = os.environ.get("OPERATIONS_TEST_DB_PREFIX", "test_ops_")


def _server():
    import MySQLdb

    url = urlsplit(MARIADB_URL)
    try:
        return MySQLdb.connect(
            host=url.hostname,
            port=url.port or 3306,
            user=url.username or "root",
            password=url.password or "",
        )
    except MySQLdb.Error:
        return None


# These tests make their own databases and run every command in its own
# process, whatever database the suite runs on: CI runs them once, in the
# SQLite pass, rather than again (minutes) in the MariaDB one.
once_per_ci = pytest.mark.skipif(
    "mysql" in settings.DATABASES["default"]["ENGINE"],
    reason="runs in the suite's SQLite pass (it makes its own databases)",
)
pytestmark = [
    once_per_ci,
    pytest.mark.skipif(_server() is None, reason=f"no MariaDB server at {MARIADB_URL}"),
]


@pytest.fixture
def mariadb_database():
    """A fresh, empty database; dropped afterwards."""
    name = f"{PREFIX}migrate_{os.getpid()}"
    server = _server()
    cursor = server.cursor()
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(
        f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
    )
    yield f"{MARIADB_URL}/{name}"
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    server.close()


def run(args, database_url, media_root, check=True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "operations.tests.subprocess_settings",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def fetch_pages(database_url, media_root) -> dict:
    result = run(["operations/tests/fetch_pages.py"], database_url, media_root)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_seeded_shop_moves_to_mariadb_and_serves_the_same_pages(
    tmp_path, mariadb_database
):
    source = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    media = tmp_path / "media"
    moved_media = tmp_path / "moved-media"
    media.mkdir()
    run(["manage.py", "migrate", "--noinput", "--skip-checks"], source, media)
    run(["manage.py", "seed_demo", "--force"], source, media)
    # The first visit makes the renditions pages ask for (kept in the source).
    fetch_pages(source, media)

    command = ["manage.py", "migrate_sqlite_to_mariadb", "--target", mariadb_database]
    moved = run(
        [*command, "--media-from", str(media), "--media-to", str(moved_media)],
        source,
        media,
    )
    assert "0 differ, 0 other problems" in moved.stdout, moved.stdout
    assert "The target matches the source." in moved.stdout
    assert "wagtailcore_page:" in moved.stdout
    assert "Media: " in moved.stdout and ", 0 problems." in moved.stdout
    originals = list((media / "original_images").iterdir())
    assert originals
    assert {p.name for p in (moved_media / "original_images").iterdir()} == {
        p.name for p in originals
    }

    # A second run refuses the now non-empty target unless told.
    again = run(command, source, media, check=False)
    assert again.returncode != 0
    assert "not empty" in again.stderr
    # Repeatable from scratch, and resumable (nothing left to copy).
    assert "0 differ" in run([*command, "--resume"], source, media).stdout

    # The site serves the same pages from either database.
    before = fetch_pages(source, media)
    after = fetch_pages(mariadb_database, moved_media)
    assert len(before) > 60
    assert all(status == 200 for status, _ in before.values()), before
    assert after == before
    searched = next(url for url in before if url.startswith("/search/"))
    assert any("/stores/" in link for link in before[searched][1]), before[searched]

    # A difference is found and named.
    import MySQLdb

    name = urlsplit(mariadb_database).path.lstrip("/")
    server = _server()
    server.select_db(name)
    server.cursor().execute("UPDATE shop_orderline SET quantity = quantity + 1")
    server.commit()
    server.close()
    checked = run([*command, "--verify-only"], source, media, check=False)
    assert checked.returncode != 0
    assert "DIFFERS shop_orderline" in checked.stdout
    assert MySQLdb  # imported for the server connection above


def test_refuses_a_source_that_is_not_sqlite(tmp_path):
    result = run(
        [
            "manage.py",
            "migrate_sqlite_to_mariadb",
            "--source",
            f"{MARIADB_URL}/x",
            "--target",
            f"{MARIADB_URL}/y",
        ],
        f"sqlite:///{tmp_path / 'x.sqlite3'}",
        tmp_path,
        check=False,
    )
    assert result.returncode != 0
    assert "is not a sqlite:/// URL" in result.stderr
    assert Path(tmp_path).exists()
