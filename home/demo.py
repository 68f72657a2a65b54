"""The demo content `manage.py seed_demo` creates; every step is idempotent."""

from django.db import transaction

from accounts.models import User
from accounts.services import user_create, user_sync_role_groups
from home.demo_images import demo_image_get_or_create
from home.models import HomePage

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
    home.hero_image = demo_image_get_or_create(title="Marketplace hero", size=(1280, 860))
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
