"""Time the public paths in-process with no cache: what a request costs.

    DATABASE_URL=... .venv/bin/python scripts/profile_uncached.py [--runs 5]
        [--only catalogue] [--explain]

Run it against a database filled by `manage.py generate_catalog`. Settings are
the dev ones with DEBUG off and the page cache off, so every request renders:
a cache miss, with Wagtail's own caches (site root paths, renditions) warm in a
local-memory cache as they are in production.
Each path is requested once to warm up, then `--runs` times; the columns are
medians: wall-clock ms, this process's CPU ms (Python, templates, and SQLite's
own work; steadier than wall-clock on a busy machine), queries, database ms,
and on MariaDB the rows the server read (its Handler_read_* counters: the work
a query does whatever else the machine is doing).

Two reference rows come last: a plain Wagtail page (a `wagtailcore.Page`
with a title, served by Wagtail) rendered with Wagtail's own bare template and
in this site's layout. The page is added for the run inside a transaction that
is rolled back, as is anything the requests write.

`--explain` prints the database's plan for each query of the paths that take
longer than `--explain-over` database ms.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"
os.environ["CACHE_URL"] = "locmemcache://"
os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402

# Roomy enough that renditions do not evict Wagtail's cached site root paths.
settings.CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 100_000}

from django.db import connection, transaction  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from vendors.models import ProductPage, StorePage  # noqa: E402

PLAIN_SLUG = "profile-plain-page"
PLAIN_IN_LAYOUT_SLUG = "profile-plain-page-in-layout"
PLAIN_IN_LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<div class="container py-4">'
    "<h1>{{ page.title }}</h1><p>A paragraph of text, as a plain page has.</p>"
    "</div>{% endblock %}"
)


def _plain_get_template(original):
    def get_template(self, request, *args, **kwargs):
        if self.slug == PLAIN_IN_LAYOUT_SLUG:
            return PLAIN_IN_LAYOUT
        return original(self, request, *args, **kwargs)

    return get_template


def plain_pages() -> list[tuple[str, str]]:
    """Two plain leaf pages under the site's root; call inside a transaction."""
    root = Site.objects.get(is_default_site=True).root_page
    Page.get_template = _plain_get_template(Page.get_template)
    rows = []
    for slug, label in (
        (PLAIN_SLUG, "plain Wagtail page (Wagtail's template)"),
        (PLAIN_IN_LAYOUT_SLUG, "plain Wagtail page (site layout)"),
    ):
        page = root.add_child(instance=Page(title="A plain page", slug=slug))
        rows.append((label, page.url))
    return rows


def paths() -> list[tuple[str, str]]:
    product = ProductPage.objects.live().order_by("pk")[
        ProductPage.objects.count() // 2
    ]
    store = StorePage.objects.live().order_by("pk").first()
    listed = [
        "/",
        "/catalogue/",
        "/catalogue/?page=2",
        "/catalogue/?page=100",
        "/catalogue/?ordering=price",
        "/catalogue/?ordering=-price&page=100",
        "/catalogue/?ordering=name",
        "/catalogue/?ordering=name&page=100",
        "/catalogue/?ordering=-rating",
        "/catalogue/?ordering=-rating&page=100",
        "/catalogue/?min_price=10&max_price=20",
        "/catalogue/?in_stock=on",
        "/catalogue/?in_stock=on&page=100",
        "/catalogue/?digital=true",
        "/catalogue/?digital=true&page=100",
        "/catalogue/?min_rating=4",
        f"/catalogue/?store={store.pk}",
        "/search/?q=ceramic",
        "/search/?q=walnut+bowl",
        "/search/?q=zzzz",
        "/api/products/",
        "/api/products/?page=last",
        "/api/products/?ordering=price",
        "/api/products/?ordering=name",
        "/api/products/?in_stock=true",
        "/api/products/?min_rating=4&ordering=-rating",
        "/api/products/?search=ceramic",
        f"/api/products/{product.pk}/",
        "/api/stores/",
        "/stores/",
        store.url,
    ]
    return [(path, path) for path in listed] + [("product page", product.url)]


def rows_read() -> int | None:
    """MariaDB's count of rows read by this session so far."""
    if connection.vendor != "mysql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW SESSION STATUS LIKE 'Handler_read%%'")
        return sum(int(value) for _, value in cursor.fetchall())


def measure(client: Client, path: str, runs: int) -> dict:
    client.get(path)  # warm up imports, template loaders and the database's cache
    walls, cpus, db_times, rows = [], [], [], []
    for _ in range(runs):
        rows_before = rows_read()
        with CaptureQueriesContext(connection) as queries:
            cpu_started = time.process_time()
            started = time.perf_counter()
            response = client.get(path)
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu_started) * 1000)
        db_times.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        if rows_before is not None:
            # Less the SHOW STATUS itself (a few rows of its own).
            rows.append(rows_read() - rows_before)
    return {
        "status": response.status_code,
        "ms": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "queries": len(queries.captured_queries),
        "db": statistics.median(db_times),
        "rows": statistics.median(rows) if rows else None,
        "captured": queries.captured_queries,
    }


def explain(captured: list[dict], over_ms: float) -> None:
    for query in captured:
        if float(query["time"]) * 1000 < over_ms / 4:
            continue
        sql = query["sql"]
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        sys.stdout.write(f"    {float(query['time']) * 1000:.1f} ms: {sql[:300]}\n")
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            for row in cursor.fetchall():
                sys.stdout.write(f"      {row}\n")


def main() -> None:
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="Only paths containing this.")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--explain-over", type=float, default=20.0)
    args = parser.parse_args()
    client = Client()
    out = sys.stdout.write
    out(
        f"{connection.vendor}, {ProductPage.objects.count()} products, "
        f"{StorePage.objects.count()} stores, median of {args.runs}\n"
    )
    out(
        f"{'path':<48} {'status':>6} {'ms':>7} {'cpu ms':>7} {'queries':>7} "
        f"{'db ms':>7} {'rows':>7}\n"
    )
    with transaction.atomic():
        for label, path in paths() + plain_pages():
            if args.only not in label:
                continue
            try:
                with transaction.atomic():
                    result = measure(client, path, args.runs)
            except Exception as error:  # one broken path: say so and go on
                out(f"{label[:48]:<48} error: {type(error).__name__}: {error}\n")
                continue
            rows = "-" if result["rows"] is None else f"{result['rows']:.0f}"
            out(
                f"{label[:48]:<48} {result['status']:>6} {result['ms']:>7.1f} "
                f"{result['cpu']:>7.1f} {result['queries']:>7} "
                f"{result['db']:>7.1f} {rows:>7}\n"
            )
            if args.explain and result["db"] > args.explain_over:
                explain(result["captured"], args.explain_over)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
