from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.demo import seed_catalog, seed_home_page, seed_users
from reviews.demo import seed_reviews
from shop.demo import seed_orders


class Command(BaseCommand):
    help = (
        "Fill the site with demo content: users, home page, stores, products, "
        "past orders and reviews. "
        "Safe to run again: it updates what exists instead of duplicating it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo users have known passwords).",
        )
        parser.add_argument(
            "--site-port",
            type=int,
            help="The port the demo is served on, so that links in e-mails and "
            "the API's `url` fields reach it (`make run` passes its PORT).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is "
                "off. Pass --force if this really is a demo site."
            )
        port = options["site_port"]
        if port is not None:
            if not 0 < port < 65536:
                raise CommandError(f"--site-port: {port} is not a TCP port.")
            Site.objects.filter(is_default_site=True).update(port=port)
        logins = seed_users()
        seed_home_page()
        stores_created, products_created = seed_catalog()
        self.stdout.write(
            f"Catalog: {stores_created} stores and {products_created} products created."
        )
        self.stdout.write(f"Orders: {seed_orders()} past orders created.")
        self.stdout.write(f"Reviews: {seed_reviews()} reviews created.")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<10} {password:<18} {role}")
