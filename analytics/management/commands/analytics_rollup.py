from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from analytics.periods import today
from analytics.services import counters_flush, rollup_rebuild

MAX_DAYS = 3660


class Command(BaseCommand):
    help = (
        "Add the views and add-to-carts counted in the cache to the rollups, then "
        "recompute yesterday's and today's rollups from the orders (or, with "
        "--from/--to, every day of that range)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", help="Last day, YYYY-MM-DD.")
        parser.add_argument(
            "--no-flush", action="store_true", help="Leave the counters in the cache."
        )

    def handle(self, *args, first=None, last=None, no_flush=False, **options):
        try:
            last_day = date.fromisoformat(last) if last else today()
            first_day = (
                date.fromisoformat(first) if first else last_day - timedelta(days=1)
            )
        except ValueError as error:
            raise CommandError(f"Dates are YYYY-MM-DD: {error}") from error
        if first_day > last_day:
            raise CommandError("--from is after --to.")
        if (last_day - first_day).days >= MAX_DAYS:
            raise CommandError(f"At most {MAX_DAYS} days at once.")
        if not no_flush:
            counted = counters_flush()
            self.stdout.write(f"Counters flushed: {counted}.")
        done = rollup_rebuild(first=first_day, last=last_day)
        self.stdout.write(f"Recomputed {done} day(s), {first_day} to {last_day}.")
