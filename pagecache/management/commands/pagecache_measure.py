"""Time and queries of each public path, cached and not, in this process.

"Uncached" replaces the `site` generation before each request, which every cached
page and answer records: a miss, with Wagtail's own caches (site root paths,
renditions) still warm, as after a change on a running site."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pagecache.generations import site_changed
from vendors.selectors import products_public, stores_public


class Command(BaseCommand):
    help = "Time and queries per public path, uncached (a miss) and cached."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--host", default="localhost")

    def handle(self, *args, repeat, host, **options):
        store = stores_public().first()
        product = products_public().first()
        paths = [
            "/",
            "/stores/",
            store.url,
            product.url,
            "/catalogue/",
            "/catalogue/?page=2&sort=price",
            "/search/?q=mug",
            "/api/products/",
            f"/api/products/{product.pk}/",
        ]
        client = Client(HTTP_HOST=host)
        self.stdout.write(
            "| path | uncached ms | uncached queries | cached ms | cached queries |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|")
        for path in paths:
            cold = [self._measure(client, path, miss=True) for _ in range(repeat)]
            warm = [self._measure(client, path, miss=False) for _ in range(repeat)]
            self.stdout.write(
                f"| `{path}` | {statistics.median(t for t, _ in cold):.1f} "
                f"| {cold[-1][1]} | {statistics.median(t for t, _ in warm):.2f} "
                f"| {warm[-1][1]} |"
            )

    def _measure(self, client, path, *, miss):
        if miss:
            site_changed()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed, len(queries)
