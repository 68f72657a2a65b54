"""Which announcements wait for an admin before they go to X: the one rule,
read by `announcements.services` when an announcement is recorded."""

from wagtail.models import Page

from accounts.roles import is_marketplace_admin
from vendors.models import ProductPage, StorePage


def page_vendor(page: Page):
    """The vendor whose words a store or product page carries, or None."""
    if isinstance(page, StorePage):
        return page.vendor
    if isinstance(page, ProductPage):
        return page.store.vendor
    return None


def vendor_announces_without_review(vendor) -> bool:
    """Whether this vendor's stores and products are announced without an admin
    looking first.

    With vendor approval off (the only mode today) that is a vendor an admin has
    marked trusted (`User.is_trusted_vendor`), or a marketplace admin. Vendor
    approval, once built, decides here too.
    """
    return bool(vendor.is_trusted_vendor or is_marketplace_admin(vendor))


def announcement_needs_review(*, page: Page) -> bool:
    """Whether the announcement of this page waits as "to review"."""
    vendor = page_vendor(page)
    return vendor is not None and not vendor_announces_without_review(vendor)
