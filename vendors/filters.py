from decimal import Decimal

import django_filters
from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django_filters.fields import ChoiceField

from vendors.models import ProductPage, StorePage

ORDERINGS = {
    "-created": ("-created_at", "-pk"),
    "price": ("price", "pk"),
    "-price": ("-price", "-pk"),
    # Each on a column of the product's row with its index (ProductPage.Meta).
    "name": ("sort_title", "pk"),
    # Unrated products (average 0) last.
    "-rating": ("-rating_average", "-rating_count", "-pk"),
}
# Other names clients use for the same orderings.
ORDERING_ALIASES = {"newest": "-created", "-created_at": "-created"}


class OrderingField(ChoiceField):
    def to_python(self, value):
        value = super().to_python(value)
        return ORDERING_ALIASES.get(value, value)


class OrderingFilter(django_filters.ChoiceFilter):
    field_class = OrderingField


# The largest id the databases store; a bigger number would overflow SQLite.
MAX_ID = 2**63 - 1


class StoreTitleChoices(ModelChoiceIterator):
    """The choices from (id, title) rows: the catalogue lists every open store,
    and building a page object per store cost more than the rest of the page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "title")


class StoreSelect(forms.Select):
    """A select whose options are written here, not through Django's template
    per option: with every open store listed, those templates were most of the
    catalogue's rendering time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            options,
        )


class StoreChoiceField(forms.ModelChoiceField):
    iterator = StoreTitleChoices
    widget = StoreSelect

    def to_python(self, value):
        if value not in self.empty_values and not (
            str(value).isdigit() and int(value) <= MAX_ID
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class StoreChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = StoreChoiceField


class ProductFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        low, high = cleaned_data.get("min_price"), cleaned_data.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", "Must be at least the minimum price.")
        return cleaned_data


class ProductFilterSet(django_filters.FilterSet):
    """The catalogue's filters; a value that does not validate is left out and the
    form says why."""

    store = StoreChoiceFilter(
        queryset=StorePage.objects.none(), empty_label="All stores"
    )
    min_price = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="gte",
        label="Min price",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )
    max_price = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="lte",
        label="Max price",
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )
    in_stock = django_filters.BooleanFilter(
        label="In stock only",
        method="filter_in_stock",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    digital = django_filters.ChoiceFilter(
        label="Format",
        choices=[("true", "Digital downloads"), ("false", "Physical goods")],
        empty_label="Any format",
        method="filter_digital",
    )
    min_rating = django_filters.ChoiceFilter(
        label="Rating",
        choices=[
            ("5", "5 stars"),
            ("4", "4 stars & up"),
            ("3", "3 stars & up"),
            ("2", "2 stars & up"),
            ("1", "1 star & up"),
        ],
        empty_label="Any rating",
        method="filter_min_rating",
    )
    ordering = OrderingFilter(
        label="Sort by",
        choices=[
            ("-created", "Newest"),
            ("price", "Price: low to high"),
            ("-price", "Price: high to low"),
            ("name", "Name: A to Z"),
            ("-rating", "Best rated"),
        ],
        empty_label=None,
        method="filter_ordering",
    )

    class Meta:
        model = ProductPage
        fields: list[str] = []
        form = ProductFilterForm

    def __init__(self, *args, stores: QuerySet[StorePage], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["store"].queryset = stores

    def filter_in_stock(self, queryset, name, value):
        if not value:
            return queryset
        # Digital or stock left, kept on the row (vendors.stock_flags).
        return queryset.filter(in_stock=True)

    def filter_digital(self, queryset, name, value):
        return queryset.filter(digital=value == "true")

    def filter_min_rating(self, queryset, name, value):
        return queryset.filter(rating_average__gte=int(value))

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])
