"""Vendors see in the admin how many buyers saved each of their products: a
number per product, never who."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from wishlists.selectors import saved_counts_managed_by

PANEL_SIZE = 10


class SavedProductsPanel(Component):
    name = "saved_products"
    order = 45
    template_name = "wishlists/admin/saved_panel.html"

    def __init__(self, *, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"products": list(saved_counts_managed_by(self.user)[:PANEL_SIZE])}


@hooks.register("construct_homepage_panels")
def add_saved_products_panel(request, panels):
    panels.append(SavedProductsPanel(user=request.user))
