from django.core.management.base import BaseCommand

from notifications.services import notification_emails_enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueue the notification e-mails that are due: retries, and any the task "
        "queue lost. Run it every few minutes (cron)."
    )

    def handle(self, *args, **options):
        count = notification_emails_enqueue_due()
        self.stdout.write(f"{count} notification e-mail(s) enqueued.")
