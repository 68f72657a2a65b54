from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from home.demo import seed_catalog, seed_home_page, seed_users
from ledger.demo import seed_payouts
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
            help="The port the demo is served on, if not the one in SITE_URL "
            "(`make run` passes its PORT, and sets SITE_URL to match).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is "
                "off. Pass --force if this really is a demo site."
            )
        port = options["site_port"]
        if port is not None and not 0 < port < 65536:
            raise CommandError(f"--site-port: {port} is not a TCP port.")
        site_address = _site_address(settings.SITE_URL, port)
        logins = seed_users()
        seed_home_page()
        # Wagtail's full URLs (the API's `url` fields, sitemaps) then agree with
        # the links in e-mails: the same host and port, so people stay signed in.
        Site.objects.filter(is_default_site=True).update(**site_address)
        Site.clear_site_root_paths_cache()
        stores_created, products_created = seed_catalog()
        self.stdout.write(
            f"Catalog: {stores_created} stores and {products_created} products created."
        )
        self.stdout.write(f"Orders: {seed_orders()} past orders created.")
        self.stdout.write(f"Reviews: {seed_reviews()} reviews created.")
        self._index_for_search()
        self.stdout.write(f"Payouts: {seed_payouts()} paid payouts created.")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in logins:
            self.stdout.write(f"  {username:<10} {password:<18} {role}")

    def _index_for_search(self) -> None:
        """Build the search index now instead of leaving it to the task worker.

        Every page and product saved above queued its own index update; with the
        database task backend they wait for a worker, and until one has run the
        search finds nothing. The index is built here in one pass, and the queued
        updates it makes redundant are dropped; the rest (renditions, e-mails)
        stays queued for the worker.
        """
        if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            DBTaskResult.objects.ready().filter(
                task_path__startswith="modelsearch.tasks."
            ).delete()
        call_command("update_index", verbosity=0)
        self.stdout.write("Search index built.")


def _site_address(site_url: str, port: int | None) -> dict:
    """Hostname and port of the default Site from SITE_URL (port overridden)."""
    url = urlsplit(site_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise CommandError(f"SITE_URL {site_url!r} is not an http(s) address.")
    default_port = 443 if url.scheme == "https" else 80
    return {"hostname": url.hostname, "port": port or url.port or default_port}
