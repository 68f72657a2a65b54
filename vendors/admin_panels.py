"""Dashboard panels of the Wagtail admin for vendors."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.ui.components import Component

from vendors.selectors import VendorSetup


@dataclass(frozen=True)
class SetupStep:
    label: str
    is_done: bool
    url: str
    action: str
    # Waits for an earlier step: shown without a link.
    is_blocked: bool = False


def _setup_steps(setup: VendorSetup) -> list[SetupStep]:
    store_open_url = reverse("vendors_admin:store_open")
    if not setup.has_store:
        # Every other step needs a store first.
        return [
            SetupStep("Open a store", False, store_open_url, "Open a store"),
            *(
                SetupStep(label, False, "", "Open a store first", is_blocked=True)
                for label in (
                    "Add a logo",
                    "Add a product",
                    "Publish your store and a product",
                )
            ),
        ]
    store_edit_url = reverse("wagtailadmin_pages:edit", args=[setup.store_id])
    product_add_url = reverse(
        "wagtailadmin_pages:add", args=["vendors", "productpage", setup.store_id]
    )
    store_pages_url = reverse("wagtailadmin_explore", args=[setup.store_id])
    return [
        SetupStep("Open a store", True, store_edit_url, "Edit your store"),
        SetupStep("Add a logo", setup.has_logo, store_edit_url, "Choose a logo"),
        SetupStep("Add a product", setup.has_product, product_add_url, "Add a product"),
        SetupStep(
            "Publish your store and a product",
            setup.is_published,
            store_pages_url if setup.is_store_live else store_edit_url,
            "Publish your products" if setup.is_store_live else "Publish your store",
        ),
    ]


class VendorSetupPanel(Component):
    """A new vendor's first steps, each ticked once their pages show it done."""

    name = "vendor_setup"
    order = 10
    template_name = "vendors/admin/setup_panel.html"

    def __init__(self, *, setup: VendorSetup):
        self.setup = setup

    def get_context_data(self, parent_context):
        steps = _setup_steps(self.setup)
        return {
            "steps": steps,
            "done_count": sum(step.is_done for step in steps),
        }
