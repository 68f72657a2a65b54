from django.conf import settings
from django.core.management.base import BaseCommand

from shop.services.orders import orders_mark_delivered


class Command(BaseCommand):
    help = (
        "Mark delivered the parts shipped more than ORDER_DELIVERED_AFTER_DAYS "
        "ago that nobody confirmed, and the parts of downloads only paid that "
        "long ago. Run it with `make periodic`."
    )

    def handle(self, *args, **options):
        delivered = orders_mark_delivered()
        self.stdout.write(
            f"{delivered} part{'s' if delivered != 1 else ''} marked delivered "
            f"(shipped, or downloads only and paid, more than "
            f"{settings.ORDER_DELIVERED_AFTER_DAYS} days ago)."
        )
