"""The loopback topology's shop (scripts/topology.sh): buyers and a product to buy.

Run in its own process with the topology's environment (DATABASE_URL: its primary).
"""

import os
import sys

import django

sys.path.insert(0, os.getcwd())
django.setup()

from accounts.tests.factories import UserFactory  # noqa: E402
from vendors.tests.factories import ProductPageFactory, StorePageFactory  # noqa: E402

BUYERS = 40
PASSWORD = "topology-pass-1"  # a throwaway loopback shop


def main() -> None:
    for n in range(BUYERS):
        UserFactory(username=f"topo-buyer-{n}", password=PASSWORD)
    store = StorePageFactory(title="Topology store")
    ProductPageFactory(store=store, title="Topology mug", stock_quantity=100000)


if __name__ == "__main__":
    main()
