from wagtail.admin.panels import Panel


class StockPanel(Panel):
    """Shows a product's stock in the page editor without making it a page field.

    Publishing a revision restores every page field, so stock is kept in
    shop.Stock and changed only through shop.services.stock.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "vendors/panels/stock_panel.html"

        def is_shown(self):
            # A new product asks for its stock in the form (ProductPageForm).
            return self.instance.pk is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["product"] = self.instance
            return context


def store_hidden_reason(store) -> str:
    """Why the store's products cannot be seen on the site, or "" when they can."""
    # The selectors import the models, which import this module.
    from vendors.selectors import is_store_visible

    if store is None or is_store_visible(store=store):
        return ""
    if not store.live:
        return f"not visible until the store “{store.title}” is published"
    if not store.is_active:
        return f"not visible while the store “{store.title}” is inactive"
    return f"not visible while the store “{store.title}” is private"


class StoreHiddenPanel(Panel):
    """Warns in the product editor that the product's store hides it, so a
    vendor does not take "Live" for "on the site"."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "vendors/panels/store_hidden_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # A new product knows its store only as the parent it is added to.
            store = getattr(self.form, "parent_page", None) or (
                self.instance.get_parent() if self.instance.pk else None
            )
            self.store = store.specific if store is not None else None
            self.reason = store_hidden_reason(self.store)

        def is_shown(self):
            return bool(self.reason) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["store"] = self.store
            context["reason"] = self.reason
            context["is_live"] = self.instance.live and self.instance.pk is not None
            return context
