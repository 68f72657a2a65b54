from django.core.management.base import BaseCommand

from alerts.services import alerts_fire_due


class Command(BaseCommand):
    help = (
        "Fire every back-in-stock and price-drop alert whose condition holds "
        "(the safety net behind the task worker; run by `make periodic`)."
    )

    def handle(self, *args, **options):
        fired = alerts_fire_due()
        self.stdout.write(f"{fired} alert(s) fired.")
