"""Move a shop from its SQLite database (and media) into an empty MariaDB database."""

import subprocess
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from operations import copy, media
from operations.databases import forget_database, register_database, table_names
from operations.verify import compare

SOURCE = "operations_source"
TARGET = "operations_target"


class Command(BaseCommand):
    help = (
        "Copy a SQLite database into an empty MariaDB/MySQL database: schema by "
        "migrations, rows in dependency order, Wagtail's page tree, auto-increment "
        "counters; then compare row counts and checksums table by table. Stop the "
        "shop's writes first (see README, 'Moving from SQLite to MariaDB')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            help="The SQLite database URL (default: DATABASE_URL, if it is SQLite).",
        )
        parser.add_argument(
            "--target",
            required=True,
            help="The MariaDB database URL, e.g. mysql://shop:pw@db:3306/shop.",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--flush",
            "--force",
            action="store_true",
            dest="flush",
            help="Drop every table of a target that is not empty and start over.",
        )
        mode.add_argument(
            "--resume",
            action="store_true",
            help="Keep the tables a previous run copied completely; copy the rest.",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Copy nothing: compare the source with the target and report.",
        )
        parser.add_argument(
            "--media-from",
            help="Copy the media files under this directory too "
            "(e.g. the old MEDIA_ROOT).",
        )
        parser.add_argument(
            "--media-to",
            default="storage",
            help="Where media go: a directory, or 'storage' (the default) for the "
            "site's configured media storage (MEDIA_ROOT or S3).",
        )

    def handle(self, *args, **options):
        source_url = options["source"] or self._default_source()
        if not source_url.startswith("sqlite"):
            raise CommandError(f"--source {source_url!r} is not a sqlite:/// URL.")
        if not options["target"].startswith(("mysql", "mariadb")):
            raise CommandError("--target must be a mysql:// (MariaDB) URL.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        register_database(SOURCE, source_url)
        register_database(TARGET, options["target"])
        try:
            started = time.monotonic()
            self._check_source()
            if not options["verify_only"]:
                self._prepare_target(options)
            # One read transaction on the source: every table is read (copied and
            # compared) from the same snapshot, even if something still writes.
            with transaction.atomic(using=SOURCE):
                if not options["verify_only"]:
                    self.stdout.write("Copying tables:")
                    copy.copy_database(
                        SOURCE,
                        TARGET,
                        batch_size=options["batch_size"],
                        resume=options["resume"],
                        log=self.stdout.write,
                    )
                ok = self._verify()
            if options["media_from"]:
                ok = self._media(options) and ok
            self.stdout.write(f"Took {time.monotonic() - started:.1f} s.")
        finally:
            forget_database(SOURCE)
            forget_database(TARGET)
        if not ok:
            raise CommandError("Verification found differences (listed above).")
        self.stdout.write(self.style.SUCCESS("The target matches the source."))

    def _default_source(self) -> str:
        default = settings.DATABASES["default"]
        if default["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "DATABASE_URL is not SQLite: name the SQLite database with --source."
            )
        return f"sqlite:///{default['NAME']}"

    def _check_source(self) -> None:
        name = connections[SOURCE].settings_dict["NAME"]
        if not Path(name).is_file():
            raise CommandError(f"No SQLite database at {name}.")
        missing = copy.unapplied_in(SOURCE)
        if missing:
            names = ", ".join(f"{app}.{m}" for app, m in sorted(missing))
            raise CommandError(
                f"The source lacks migrations this code has ({names}): run "
                "`manage.py migrate` on it first, so both have the same schema."
            )

    def _prepare_target(self, options) -> None:
        connection = connections[TARGET]
        if connection.vendor != "mysql":
            raise CommandError("The target is not a MySQL/MariaDB database.")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT @@character_set_database, @@collation_database, "
                "@@collation_connection"
            )
            charset, collation, connection_collation = cursor.fetchone()
        if charset != "utf8mb4":
            raise CommandError(
                f"The target database's character set is {charset} ({collation}); "
                "create it with CHARACTER SET utf8mb4 (see the README)."
            )
        if collation != connection_collation:
            # Wagtail's migration 0075 compares a column with a CAST(... AS char)
            # (the connection's collation): MariaDB refuses to mix the two.
            raise CommandError(
                f"The target database's collation {collation} differs from the "
                f"connection's {connection_collation}; Wagtail's migrations fail on "
                f"that. Create it with CHARACTER SET utf8mb4 COLLATE "
                f"{connection_collation} (see the README)."
            )
        existing = table_names(TARGET)
        if existing and options["flush"]:
            self.stdout.write(
                f"Dropping the target's {len(existing)} tables (--flush)."
            )
            copy.drop_all_tables(TARGET)
        elif existing and not options["resume"]:
            raise CommandError(
                f"The target database is not empty ({len(existing)} tables). Pass "
                "--flush to drop them and start over, or --resume to finish an "
                "interrupted copy."
            )
        self.stdout.write("Building the target's schema (migrate).")
        try:
            copy.migrate_schema(options["target"])
        except subprocess.CalledProcessError as error:
            raise CommandError(f"migrate failed on the target ({error}).") from error

    def _verify(self) -> bool:
        self.stdout.write("Verifying (row counts and checksums per table):")
        models_ = copy.common_models(SOURCE, TARGET)
        report = compare(SOURCE, TARGET, models_)
        report.problems += copy.page_tree_problems(SOURCE, TARGET)
        report.problems += copy.orphan_problems(TARGET, models_)
        report.problems += copy.auto_increment_problems(TARGET, models_)
        for difference in report.differences:
            self.stdout.write(self.style.ERROR(f"  DIFFERS {difference}"))
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(f"  PROBLEM {problem}"))
        self.stdout.write(
            f"  {len(report.tables)} tables, {report.rows} rows compared; "
            f"{len(report.differences)} differ, {len(report.problems)} other problems."
        )
        skipped = sorted(
            set(table_names(SOURCE))
            - {m._meta.db_table for m in models_}
            - {"django_migrations", "sqlite_sequence"}
        )
        if skipped:
            self.stdout.write(
                "  Not copied (SQLite-only tables; the target's own migrations and "
                "search backend stand in for them): " + ", ".join(skipped)
            )
        return report.ok

    def _media(self, options) -> bool:
        root = Path(options["media_from"])
        if not root.is_dir():
            raise CommandError(f"--media-from {root} is not a directory.")
        storage = media.storage_for(options["media_to"])
        copied, kept = media.copy_media(root, storage)
        problems = media.verify_media(root, storage)
        self.stdout.write(
            f"Media: {copied} files copied, {kept} already there, "
            f"{len(problems)} problems."
        )
        for problem in problems:
            self.stdout.write(self.style.ERROR(f"  MEDIA {problem}"))
        return not problems
