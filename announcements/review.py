"""Which announcements wait for an admin before they go to X: the one rule,
read by `announcements.services` when an announcement is recorded."""

from wagtail.models import Page

from accounts.roles import is_marketplace_admin, is_vendor_approved
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

    That is a marketplace admin, or an approved vendor an admin has marked
    trusted (`User.is_trusted_vendor`): a vendor account awaiting approval,
    rejected or suspended (vendor_accounts) goes through review however trusted.
    """
    if is_marketplace_admin(vendor):
        return True
    return bool(vendor.is_trusted_vendor and is_vendor_approved(vendor))


def announcement_needs_review(*, page: Page) -> bool:
    """Whether the announcement of this page waits as "to review"."""
    vendor = page_vendor(page)
    return vendor is not None and not vendor_announces_without_review(vendor)
