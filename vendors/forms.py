from django import forms

from vendors.page_forms import OwnMediaPageForm

# The most units a vendor may count in one go, as on the stock page.
STOCK_MAX = 1_000_000


class ProductPageForm(OwnMediaPageForm):
    """The product editor, with the units in stock asked for on creation.

    Stock is not a page field (publishing an old revision would roll it back):
    the figure rides on the unsaved page as `initial_stock_quantity`, and the
    `after_create_page` hook sets it through shop.services.stock once the page
    exists. Editing shows stock read-only, with its own page to change it.
    """

    initial_stock = forms.IntegerField(
        label="Units in stock",
        min_value=0,
        max_value=STOCK_MAX,
        initial=0,
        required=False,
        help_text="How many you have to sell now. Sales take units off; "
        "digital downloads never run out.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["initial_stock"]

    def save(self, commit=True):
        page = super().save(commit=commit)
        if "initial_stock" in self.fields:
            page.initial_stock_quantity = self.cleaned_data["initial_stock"] or 0
        return page
