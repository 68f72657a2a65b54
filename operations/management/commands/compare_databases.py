"""Compare two databases table by table (after a restore, a copy, a replica)."""

from django.core.management.base import BaseCommand, CommandError

from operations.copy import common_models
from operations.databases import forget_database, register_database
from operations.verify import compare

LEFT = "operations_left"
RIGHT = "operations_right"


class Command(BaseCommand):
    help = (
        "Compare row counts and checksums of every table two databases share "
        "(e.g. the live database and a backup restored into a fresh one). Exits "
        "non-zero and lists the tables that differ."
    )

    def add_arguments(self, parser):
        parser.add_argument("left", help="A database URL (sqlite:///… or mysql://…)")
        parser.add_argument("right", help="Another database URL.")

    def handle(self, *args, **options):
        register_database(LEFT, options["left"])
        register_database(RIGHT, options["right"])
        try:
            report = compare(LEFT, RIGHT, common_models(LEFT, RIGHT))
        finally:
            forget_database(LEFT)
            forget_database(RIGHT)
        for difference in report.differences:
            self.stdout.write(self.style.ERROR(f"DIFFERS {difference}"))
        self.stdout.write(
            f"{len(report.tables)} tables, {report.rows} rows compared; "
            f"{len(report.differences)} differ."
        )
        if not report.ok:
            raise CommandError("The databases differ (listed above).")
        self.stdout.write(self.style.SUCCESS("The databases match."))
