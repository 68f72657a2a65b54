"""django-dbbackup connectors that are safe while the shop runs.

What dbbackup 5.4 does by default, and why it is replaced here:

- MySQL/MariaDB (`MysqlDumpConnector`): `mysqldump` without
  `--single-transaction` locks every table for the whole dump (writes wait) and
  puts the password on the command line (visible to every user in `ps`).
  `MariaDBDumpConnector` dumps one consistent InnoDB snapshot without locking
  (`--single-transaction`), with routines, triggers and binary columns as hex,
  in utf8mb4, and hands the password over in the environment (`MYSQL_PWD`).
- SQLite (`SqliteBackupConnector`): the dump already uses SQLite's online
  backup API, but the restore writes the file over the live database: open
  connections and the `-wal`/`-shm` files of WAL mode then see a torn database.
  `SqliteOnlineBackupConnector` restores through the backup API too, page by
  page under SQLite's own locks, into the database as its connection sees it.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from shutil import copyfileobj
from tempfile import SpooledTemporaryFile

from dbbackup.db.base import BaseDBConnector
from dbbackup.db.exceptions import CommandConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector


def _client(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise CommandConnectorError(f"None of {', '.join(names)} is installed.")


class MariaDBDumpConnector(BaseDBConnector):
    extension = "sql"

    def _arguments(self) -> list[str]:
        settings = self.settings
        arguments = ["--default-character-set=utf8mb4"]
        if settings.get("HOST"):
            arguments.append(f"--host={settings['HOST']}")
        if settings.get("PORT"):
            arguments.append(f"--port={settings['PORT']}")
        if settings.get("USER"):
            arguments.append(f"--user={settings['USER']}")
        return arguments

    def _env(self) -> dict:
        env = {**os.environ}
        if self.settings.get("PASSWORD"):
            env["MYSQL_PWD"] = self.settings["PASSWORD"]
        return env

    def _run(self, command: list[str], stdin=None):
        stdout = SpooledTemporaryFile(max_size=10 * 1024 * 1024)
        with tempfile.TemporaryFile() as stderr:
            process = subprocess.run(  # noqa: S603 (our arguments, no shell)
                command,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                env=self._env(),
                check=False,
            )
            if process.returncode:
                stderr.seek(0)
                message = stderr.read().decode(errors="replace")
                raise CommandConnectorError(f"{command[0]} failed: {message}")
        stdout.seek(0)
        return stdout

    def _create_dump(self):
        name = self.settings["NAME"]
        command = [
            _client("mariadb-dump", "mysqldump"),
            *self._arguments(),
            "--single-transaction",
            "--quick",
            "--routines",
            "--triggers",
            "--hex-blob",
            "--no-tablespaces",
            *[f"--ignore-table={name}.{table}" for table in self.exclude],
            name,
        ]
        return self._run(command)

    def _restore_dump(self, dump):
        command = [
            _client("mariadb", "mysql"),
            *self._arguments(),
            self.settings["NAME"],
        ]
        self._run(command, stdin=dump)
        return "", ""


class SqliteOnlineBackupConnector(SqliteBackupConnector):
    def restore_dump(self, dump):
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            copyfileobj(dump, copy)
            copy.flush()
            self.connection.ensure_connection()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()
