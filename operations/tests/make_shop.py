"""Put a small shop into the database DATABASE_URL names (run in its own process).

Stores, products with images and published revisions, an order, reviews: through
the same services and factories the tests use. The database must be migrated.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "operations.tests.subprocess_settings")
sys.path.insert(0, os.getcwd())
django.setup()

from accounts.tests.factories import UserFactory  # noqa: E402
from reviews.tests.factories import ReviewFactory  # noqa: E402
from shop.tests.factories import order_for  # noqa: E402
from vendors.tests.factories import (  # noqa: E402
    ImageFactory,
    ProductPageFactory,
    StorePageFactory,
)


def main() -> None:
    buyer = UserFactory(username="backup-buyer")
    for n in range(2):
        store = StorePageFactory(title=f"Backup store {n}")
        products = [
            ProductPageFactory(store=store, title=f"Mug {n}.{i}", image=ImageFactory())
            for i in range(3)
        ]
        # A second revision of one product: the page tree and revision history.
        page = products[0]
        page.summary = "Now glazed."
        page.save_revision(user=store.vendor).publish()
        order_for(buyer=buyer, items=[(products[1], 2), (products[2], 1)])
        ReviewFactory(product=products[0], rating=5, comment="Lovely ✓ — ünïcode")


if __name__ == "__main__":
    main()
