"""Search suggestions under a large catalogue: latency of /api/search/suggest/
with every answer a cache miss (the cache is switched off), on the database
DATABASE_URL names. Prefixes of 2 to 4 letters are taken from the words of
product and store names, as a buyer would type them.

    DATABASE_URL=mysql://root@127.0.0.1:3306/bench_suggest \\
        python manage.py generate_catalog --products 10000 --stores 100
    DATABASE_URL=... python scripts/bench_suggest.py [requests, default 300]

Prints p50, p95, p99 and max in milliseconds; the target is p95 < 100 ms at
10,000 products on MariaDB.
"""

import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
# Every answer a miss: no suggestion cache, no page cache.
os.environ["CACHE_URL"] = "dummycache://"
os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from vendors.models import ProductPage, StorePage  # noqa: E402


def prefixes(count: int) -> list[str]:
    names = list(ProductPage.objects.values_list("title", flat=True)[:2000])
    names += list(StorePage.objects.values_list("title", flat=True)[:200])
    words = sorted(
        {w for name in names for w in re.findall(r"[a-z]{4,}", name.lower())}
    )
    pick = random.Random(18)  # noqa: S311 - the same prefixes every run
    return [pick.choice(words)[: pick.choice((2, 3, 4))] for _ in range(count)]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    products = ProductPage.objects.count()
    typed = prefixes(count)
    client = Client()
    client.get("/api/search/suggest/", {"q": "wa"})  # connections, imports
    times, found = [], 0
    cpu_started = time.process_time()
    for text in typed:
        started = time.perf_counter()
        response = client.get("/api/search/suggest/", {"q": text})
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"bench_suggest: {text!r} answered {response.status_code}")
        answer = response.json()
        found += bool(answer["products"] or answer["stores"])
    cpu_ms = (time.process_time() - cpu_started) * 1000 / count
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(len(times) * p))]

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(  # noqa: T201
        f"{vendor}, {products} products, {count} uncached suggestions "
        f"({found} with results): p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, "
        f"p99 {pct(0.99):.1f} ms, max {times[-1]:.1f} ms; Django's own CPU "
        f"{cpu_ms:.1f} ms a request; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
