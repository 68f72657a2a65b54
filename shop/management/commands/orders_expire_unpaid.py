from django.conf import settings
from django.core.management.base import BaseCommand

from shop.services.orders import orders_expire_unpaid


class Command(BaseCommand):
    help = (
        "Cancel orders left awaiting payment longer than PAYMENT_TIMEOUT_MINUTES "
        "and return their stock. Run it every few minutes (cron, a systemd timer)."
    )

    def handle(self, *args, **options):
        expired = orders_expire_unpaid()
        self.stdout.write(
            f"{expired} unpaid order{'s' if expired != 1 else ''} older than "
            f"{settings.PAYMENT_TIMEOUT_MINUTES} minutes cancelled."
        )
