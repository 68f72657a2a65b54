"""The demo content `manage.py seed_demo` creates; every step is idempotent."""

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from accounts.services import user_create, user_sync_role_groups
from home.demo_images import demo_image_get_or_create
from home.models import HomePage
from vendors.access import vendor_workspace_ensure
from vendors.demo_catalog import DEMO_STORES
from vendors.models import ProductPage, StoreIndexPage, StorePage
from vendors.services import product_create, store_create

DEMO_PASSWORD = "marketplace-demo"  # noqa: S105 (printed on purpose: demo only)

DEMO_USERS = [
    # username, role, first name, last name, staff
    ("admin", "buyer", "Ada", "Admin", True),
    ("vendor1", "vendor", "Vera", "Lindqvist", False),
    ("vendor2", "vendor", "Omar", "Haddad", False),
    ("buyer1", "buyer", "Bea", "Moreau", False),
    ("buyer2", "buyer", "Carlos", "Ruiz", False),
]


@transaction.atomic
def seed_users() -> list[tuple[str, str, str]]:
    logins = []
    for username, role, first_name, last_name, is_admin in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username,
                email=f"{username}@example.com",
                password=DEMO_PASSWORD,
                role=role,
                first_name=first_name,
                last_name=last_name,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        else:
            # Reset the password so the printed logins always work.
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user_sync_role_groups(user=user)
        logins.append((username, DEMO_PASSWORD, "admin" if is_admin else role))
    return logins


@transaction.atomic
def seed_home_page() -> HomePage:
    home = HomePage.objects.get()
    home.title = "Home"
    home.hero_title = "Independent stores, one checkout"
    home.hero_text = (
        "Handmade ceramics, small-batch coffee, refurbished electronics and more, "
        "sold by the people who make them. Fill one cart from many shops."
    )
    home.hero_image = demo_image_get_or_create(
        title="Goods from the marketplace's stores on two shelves",
        size=(1280, 860),
        kind="hero",
    )
    home.hero_cta_label = "Create an account"
    home.hero_cta_link = "/accounts/signup/"
    home.body = [
        ("heading", "How it works"),
        (
            "paragraph",
            "<p>Vendors open a store and publish their products. You browse, "
            "add to one cart across stores, and pay once. Each vendor ships its "
            "own part, and you follow every step from your account.</p>",
        ),
        (
            "quote",
            {
                "text": "We sell more here in a week than we did in a month on our "
                "own site.",
                "attribution": "Vera, a demo vendor",
            },
        ),
        (
            "call_to_action",
            {
                "title": "Have something to sell?",
                "text": "Register as a vendor and open your store in minutes.",
                "link_label": "Become a vendor",
                "link_page": None,
                "link_url": "/accounts/signup/",
            },
        ),
    ]
    home.save_revision().publish()
    return home


@transaction.atomic
def seed_catalog() -> tuple[int, int]:
    """The stores page, the demo stores and their products; returns how many
    stores and products were created.

    Pages that exist already (matched by slug) are left as they are, so edits
    made in the admin survive a re-run.
    """
    index = _store_index_get_or_create()
    stores, stores_created = [], 0
    for data in DEMO_STORES:
        slug = slugify(data["title"])
        store = StorePage.objects.child_of(index).filter(slug=slug).first()
        if store is None:
            store = _demo_store_create(data=data)
            stores_created += 1
        existing = set(
            ProductPage.objects.child_of(store).values_list("slug", flat=True)
        )
        stores.append((store, data, existing))
    products_created = 0
    # Store by store in turn, so the newest products come from every store.
    for position in range(1, max(len(data["products"]) for data in DEMO_STORES) + 1):
        for store, data, existing in stores:
            if position > len(data["products"]):
                continue
            if slugify(data["products"][position - 1][0]) not in existing:
                _demo_product_create(store=store, data=data, position=position)
                products_created += 1
    return stores_created, products_created


def _store_index_get_or_create() -> StoreIndexPage:
    index = StoreIndexPage.objects.first()
    if index is None:
        index = StoreIndexPage(
            title="Stores",
            slug="stores",
            intro="Independent shops, each run by the people who make what they sell.",
        )
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    return index


def _demo_store_create(*, data: dict) -> StorePage:
    title = data["title"]
    vendor = User.objects.get(username=data["vendor"])
    # The vendor's pictures go in the vendor's own collection, as an upload would.
    collection = vendor_workspace_ensure(vendor=vendor).collection
    studio = [
        {
            "image": demo_image_get_or_create(
                title=f"{title}: {caption}", collection=collection
            ),
            "caption": caption,
        }
        for caption in ("The workshop", "Behind the counter", "Packing orders")
    ]
    return store_create(
        actor=vendor,
        vendor=vendor,
        title=title,
        description=data["description"],
        body=[
            ("heading", "Our story"),
            ("paragraph", f"<p>{data['story']}</p>"),
            ("gallery", {"heading": "Inside the shop", "images": studio}),
        ],
        logo=demo_image_get_or_create(
            title=f"{title} logo", size=(400, 400), collection=collection, label=""
        ),
        banner=demo_image_get_or_create(
            title=title, size=(1800, 600), collection=collection, label=""
        ),
        address=data["address"],
        phone=data["phone"],
        email=data["email"],
        is_featured=data["featured"],
    )


def _demo_product_create(*, store: StorePage, data: dict, position: int) -> None:
    title, price, stock, digital, summary = data["products"][position - 1]
    collection = vendor_workspace_ensure(vendor=store.vendor).collection
    gallery = []
    if position <= 3:  # a few products per store show a gallery as well
        gallery = [
            (
                demo_image_get_or_create(
                    title=f"{title}, {view}", collection=collection, kind="product"
                ),
                view.capitalize(),
            )
            for view in ("detail", "in use")
        ]
    product_create(
        actor=store.vendor,
        store=store,
        title=title,
        price=Decimal(price),
        stock_quantity=stock,
        digital=digital,
        sku=f"{data['sku_prefix']}-{position:03d}",
        summary=summary,
        description=f"<p>{summary}</p><p>{data['detail']}</p>",
        image=demo_image_get_or_create(
            title=title, size=(1200, 900), collection=collection, kind="product"
        ),
        gallery=gallery,
    )
