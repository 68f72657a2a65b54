"""`manage.py generate_catalog`: a large catalog for benchmarks, in minutes.

Stores go through vendors.services (a few dozen, with revisions and vendor
permissions); products are written in bulk, page tree included, because the
services take about 0.1 s a product.
"""

import random
import time
import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from accounts.models import User
from accounts.services import user_sync_role_groups
from reviews.models import ProductRating
from shop.models import Stock
from vendors.models import ProductPage, StoreIndexPage, StorePage
from vendors.services import store_create
from vendors.stock_flags import products_in_stock_refresh
from vendors.store_counts import store_product_counts_refresh

BATCH = 2000
VENDOR_PREFIX = "bench-vendor-"
ADJECTIVES = (
    "speckled ink-blue ash-glaze matte glossy rustic vintage modern classic "
    "handmade hand-dyed organic recycled compact foldable sturdy lightweight "
    "waterproof insulated minimalist oversized tiny deluxe everyday travel "
    "heritage nordic studio small-batch wild"
).split()
MATERIALS = (
    "ceramic stoneware porcelain oak walnut linen cotton wool leather brass "
    "copper steel glass bamboo cork wax paper hemp silver clay"
).split()
NOUNS = (
    "mug bowl vase plate jug teapot dripper candle notebook wallet apron scarf "
    "blanket lamp stool shelf tray basket brush comb knife board spoon kettle "
    "grinder tumbler planter clock frame pouch satchel backpack journal pen "
    "coaster cushion rug hook bottle jar"
).split()
PHRASES = (
    "made in small batches",
    "finished by hand",
    "built to last for years",
    "a gift that gets used every day",
    "easy to clean",
    "shipped in plastic-free packaging",
    "each piece a little different",
    "designed in our own studio",
)


class Command(BaseCommand):
    help = (
        "Add a large generated catalog (stores, published products with stock, "
        "ratings and search index entries) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000)
        parser.add_argument("--stores", type=int, default=20)
        parser.add_argument(
            "--seed", type=int, default=13, help="Same seed, same catalog."
        )

    def handle(self, *args, products, stores, seed, **options):
        if products < 0 or stores < 1:
            raise CommandError("--products must be 0 or more and --stores 1 or more.")
        if StoreIndexPage.objects.first() is None:
            raise CommandError("No stores page: run `manage.py migrate` first.")
        rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        started = time.monotonic()
        store_pages = [_store_ensure(number) for number in range(1, stores + 1)]
        _index(StorePage, store_pages)
        self.stdout.write(f"{len(store_pages)} stores ready")
        made = 0
        while made < products:
            count = min(BATCH, products - made)
            _products_add(store_pages, count=count, first=made, rng=rng)
            made += count
            self.stdout.write(
                f"{made} products ({time.monotonic() - started:.0f} s)", ending="\r"
            )
            self.stdout.flush()
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdded {products} products in {len(store_pages)} stores "
                f"in {time.monotonic() - started:.0f} s"
            )
        )


def _store_ensure(number: int) -> StorePage:
    """Bench store `number`, created with its vendor on first use."""
    username = f"{VENDOR_PREFIX}{number}"
    vendor = User.objects.filter(username=username).first()
    if vendor is None:
        vendor = User(
            username=username,
            email=f"{username}@example.com",
            role=User.Role.VENDOR,
        )
        vendor.set_unusable_password()
        vendor.save()
        user_sync_role_groups(user=vendor)
    store = StorePage.objects.filter(vendor=vendor).first()
    if store is None:
        store = store_create(
            actor=vendor,
            vendor=vendor,
            title=f"Bench store {number}",
            description=f"Generated store number {number} for benchmarks.",
            is_featured=number <= 3,
        )
    return store


def _product_text(rng: random.Random) -> tuple[str, str, str]:
    adjective, material, noun = (
        rng.choice(ADJECTIVES),
        rng.choice(MATERIALS),
        rng.choice(NOUNS),
    )
    title = f"{adjective.capitalize()} {material} {noun}"
    summary = f"A {adjective} {noun} in {material}, {rng.choice(PHRASES)}."
    description = (
        f"<p>This {material} {noun} is {rng.choice(PHRASES)} and "
        f"{rng.choice(PHRASES)}.</p>"
    )
    return title, summary, description


@transaction.atomic
def _products_add(
    stores: list[StorePage], *, count: int, first: int, rng: random.Random
) -> None:
    """Write `count` published products spread over `stores`: page rows with
    their tree position, product rows, stock, some ratings, search entries, and
    the stores' product counts."""
    content_type = ContentType.objects.get_for_model(ProductPage)
    next_id = (Page.objects.order_by("-pk").values_list("pk", flat=True).first()) + 1
    now = timezone.now()
    steps = {}
    for store in stores:
        store.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
        last = store.get_last_child()
        steps[store.pk] = Page._str2int(last.path[-Page.steplen :]) if last else 0
    products = []
    for offset in range(count):
        store = stores[(first + offset) % len(stores)]
        steps[store.pk] += 1
        title, summary, description = _product_text(rng)
        slug = f"{slugify(title)}-{first + offset + 1}"
        created = now - timedelta(minutes=count - offset, days=rng.randrange(365))
        products.append(
            ProductPage(
                id=next_id + offset,
                page_ptr_id=next_id + offset,
                content_type=content_type,
                path=Page._get_path(store.path, store.depth + 1, steps[store.pk]),
                depth=store.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                sort_title=title.lower(),
                slug=slug,
                url_path=f"{store.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=created,
                last_published_at=created,
                owner_id=store.vendor_id,
                locale_id=store.locale_id,
                translation_key=uuid.uuid4(),
                store=store,
                price=Decimal(rng.randrange(100, 50_000)) / 100,
                sku=f"BN-{first + offset + 1:07d}",
                digital=rng.random() < 0.1,
                summary=summary,
                description=description,
                created_at=created,
            )
        )
    # Multi-table inheritance rules out bulk_create: one INSERT per table.
    for model in (Page, ProductPage):
        model._base_manager.all()._batched_insert(
            products, fields=model._meta.local_concrete_fields, batch_size=None
        )
    for store in stores:
        StorePage.objects.filter(pk=store.pk).update(
            numchild=Page.objects.filter(
                path__startswith=store.path, depth=store.depth + 1
            ).count()
        )
    store_product_counts_refresh(store_ids=[store.pk for store in stores])
    Stock.objects.bulk_create(
        Stock(product=product, quantity=rng.choice((0, 2, 5, 12, 40, 100)))
        for product in products
    )
    products_in_stock_refresh(product_ids=[product.pk for product in products])
    ratings = ProductRating.objects.bulk_create(_ratings(products, rng=rng))
    # The product's own copy of its rating (reviews.services keeps it so).
    ProductPage.objects.bulk_update(
        [
            ProductPage(
                pk=rating.product_id,
                rating_average=rating.average,
                rating_count=rating.count,
            )
            for rating in ratings
        ],
        ["rating_average", "rating_count"],
        batch_size=500,
    )
    _index(ProductPage, products)


def _index(model, pages: list) -> None:
    """Into the search index now: publishing only queues that for the task
    worker, which a benchmark's database may never see run."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


def _ratings(products: list[ProductPage], *, rng: random.Random):
    """Ratings for about a third of the products (no review rows behind them)."""
    for product in products:
        if rng.random() > 0.33:
            continue
        counts = [rng.randrange(4) for _ in range(5)]
        total = sum(counts)
        if not total:
            continue
        average = sum((stars + 1) * n for stars, n in enumerate(counts)) / total
        yield ProductRating(
            product=product,
            average=Decimal(f"{average:.2f}"),
            count=total,
            **{f"count_{stars + 1}": n for stars, n in enumerate(counts)},
        )
