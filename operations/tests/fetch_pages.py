"""Print, as JSON, each live page's status and body digest as this database serves it.

Run in its own process (DATABASE_URL picks the database) by the operations tests,
to compare what two databases serve. Tokens that differ per request (CSRF) are
blanked before hashing.
"""

import hashlib
import json
import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "operations.tests.subprocess_settings")
sys.path.insert(0, os.getcwd())
django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

from vendors.models import ProductPage  # noqa: E402

TOKENS = re.compile(
    rb'(csrfmiddlewaretoken" value=")[^"]+|(csrf[-_]?token[^>]*?content=")[^"]+'
)


def main() -> None:
    client = Client()
    urls = sorted(
        page.get_url() for page in Page.objects.live().specific() if page.depth > 1
    )
    urls += ["/sitemap.xml", "/api/products/", "/api/stores/"]
    answers = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for url in urls:
            response = client.get(url, HTTP_HOST="testserver")
            body = TOKENS.sub(rb"\1\2", response.content)
            answers[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
        # Search: SQLite's FTS5 and MariaDB's full-text index rank differently,
        # so what is compared is which products a word finds, not their order.
        product = ProductPage.objects.live().order_by("pk").first()
        word = max(product.title.split(), key=len)
        response = client.get("/search/", {"q": word}, HTTP_HOST="testserver")
        found = sorted(set(re.findall(r'href="([^"]+)"', response.content.decode())))
        answers[f"/search/?q={word}"] = [response.status_code, found]
    print(json.dumps(answers))  # noqa: T201


if __name__ == "__main__":
    main()
