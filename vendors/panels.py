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
