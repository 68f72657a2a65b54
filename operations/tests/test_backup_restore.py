"""backup → restore into a fresh database → identical, on MariaDB and SQLite.

Run as an operator would, each command in its own process: `migrate`, a small
shop, `manage.py backup` (one consistent dump, gzipped), `dbrestore` into a new,
empty database, `compare_databases` (row counts and checksums of every table),
`mediarestore` into an empty media directory.
"""

import gzip
import os
import sqlite3

import pytest

from operations.tests.test_migrate_sqlite_to_mariadb import (
    MARIADB_URL,
    PREFIX,
    _server,
    once_per_ci,
    run,
)

pytestmark = once_per_ci


def _fresh_mariadb(name):
    server = _server()
    cursor = server.cursor()
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(
        f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
    )
    server.close()
    return f"{MARIADB_URL}/{name}"


def _drop_mariadb(*names):
    server = _server()
    for name in names:
        server.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
    server.close()


def backup_and_restore(source, restored, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    os.environ["BACKUP_ROOT"] = str(tmp_path / "backups")
    try:
        run(["manage.py", "migrate", "--noinput", "--skip-checks"], source, media)
        run(["operations/tests/make_shop.py"], source, media)
        done = run(["manage.py", "backup", "--skip-checks"], source, media)
        assert "Backup done." in done.stdout
        files = sorted(p.name for p in (tmp_path / "backups").iterdir())
        dumps = [n for n in files if n.startswith("default-") and n.endswith(".gz")]
        archives = [n for n in files if n.endswith(".tar.gz")]
        assert len(dumps) == 1 and len(archives) == 1, files
        with gzip.open(tmp_path / "backups" / dumps[0]) as dump:
            assert dump.read(16)

        run(
            ["manage.py", "dbrestore", "--noinput", "--uncompress", "--skip-checks"],
            restored,
            media,
        )
        compared = run(
            ["manage.py", "compare_databases", "--skip-checks", source, restored],
            source,
            media,
        )
        assert "0 differ." in compared.stdout
        assert "The databases match." in compared.stdout

        restored_media = tmp_path / "restored-media"
        restored_media.mkdir()
        run(
            ["manage.py", "mediarestore", "--noinput", "--uncompress", "--skip-checks"],
            restored,
            restored_media,
        )
        originals = sorted(p.name for p in (media / "original_images").iterdir())
        assert originals
        assert originals == sorted(
            p.name for p in (restored_media / "original_images").iterdir()
        )
    finally:
        del os.environ["BACKUP_ROOT"]


def test_sqlite_backup_restores_identical(tmp_path):
    source = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    restored_path = tmp_path / "restored.sqlite3"
    sqlite3.connect(restored_path).close()  # a fresh, empty database file
    backup_and_restore(source, f"sqlite:///{restored_path}", tmp_path)
    check = sqlite3.connect(restored_path).execute("PRAGMA integrity_check")
    assert check.fetchone() == ("ok",)


@pytest.mark.skipif(_server() is None, reason=f"no MariaDB server at {MARIADB_URL}")
def test_mariadb_backup_restores_identical(tmp_path):
    names = f"{PREFIX}backup_{os.getpid()}", f"{PREFIX}restored_{os.getpid()}"
    try:
        backup_and_restore(_fresh_mariadb(names[0]), _fresh_mariadb(names[1]), tmp_path)
    finally:
        _drop_mariadb(*names)
