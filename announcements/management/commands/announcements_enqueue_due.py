from django.core.management.base import BaseCommand

from announcements.services import announcements_enqueue_due


class Command(BaseCommand):
    help = (
        "Queue every pending X announcement that is due: the safety net for a lost "
        "task, and the retries of a task backend that cannot defer (run it from cron)."
    )

    def handle(self, *args, **options):
        count = announcements_enqueue_due()
        self.stdout.write(f"Queued {count} due announcement(s).")
