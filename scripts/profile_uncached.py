"""Time the public paths in-process with no cache: median ms and queries a request.

    DATABASE_URL=... .venv/bin/python scripts/profile_uncached.py [--runs 5] [--explain]

Run it against a database filled by `manage.py generate_catalog`. Settings are
the dev ones with DEBUG off and a dummy cache, so every request is a cache miss.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"
os.environ["CACHE_URL"] = "dummycache://"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from vendors.models import ProductPage, StorePage  # noqa: E402


def paths() -> list[str]:
    product = ProductPage.objects.live().order_by("pk")[
        ProductPage.objects.count() // 2
    ]
    store = StorePage.objects.live().order_by("pk").first()
    return [
        "/",
        "/catalogue/",
        "/catalogue/?page=2",
        "/catalogue/?page=100",
        "/catalogue/?ordering=price",
        "/catalogue/?ordering=-price&page=100",
        "/catalogue/?ordering=name",
        "/catalogue/?ordering=-rating",
        "/catalogue/?min_price=10&max_price=20",
        "/catalogue/?in_stock=on",
        "/catalogue/?digital=true",
        "/catalogue/?min_rating=4",
        f"/catalogue/?store={store.pk}",
        "/search/?q=ceramic",
        "/search/?q=walnut+bowl",
        "/search/?q=zzzz",
        "/api/products/",
        "/api/products/?page=last",
        "/api/products/?ordering=price",
        "/api/products/?in_stock=true",
        "/api/products/?min_rating=4&ordering=-rating",
        "/api/products/?search=ceramic",
        f"/api/products/{product.pk}/",
        product.url,
        store.url,
        "/stores/",
    ]


def measure(client: Client, path: str, runs: int) -> tuple[int, float, int, float]:
    client.get(path)  # warm up imports, template loaders and the database's cache
    timings, db_times = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        db_times.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return (
        response.status_code,
        statistics.median(timings),
        len(queries.captured_queries),
        statistics.median(db_times),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="Only paths containing this.")
    args = parser.parse_args()
    client = Client()
    out = sys.stdout.write
    out(
        f"{connection.vendor}, {ProductPage.objects.count()} products, "
        f"median of {args.runs}\n"
    )
    out(f"{'path':<48} {'status':>6} {'ms':>8} {'queries':>7} {'db ms':>7}\n")
    for path in paths():
        if args.only not in path:
            continue
        status, ms, count, db_ms = measure(client, path, args.runs)
        out(f"{path[:48]:<48} {status:>6} {ms:>8.1f} {count:>7} {db_ms:>7.1f}\n")


if __name__ == "__main__":
    main()
