from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from config.validators import price_validators, validate_page_title
from vendors.forms import ProductPageForm
from vendors.panels import StockPanel, StoreHiddenPanel

# At or below this many units a product page says "Only N left".
LOW_STOCK_THRESHOLD = 5


@dataclass(frozen=True)
class Availability:
    code: str  # digital | in_stock | low | out_of_stock: a CSS modifier too
    label: str


class ProductPage(Page):
    store = models.ForeignKey(
        "vendors.StorePage",
        # Deleting a store deletes its product pages with it, as part of the same
        # tree deletion; RESTRICT refuses only a store deleted on its own.
        on_delete=models.RESTRICT,
        related_name="products",
        editable=False,
        help_text="The store the product is sold in: always its parent page.",
    )
    price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=price_validators,
        help_text="Unit price in the shop's currency (at most 1,000,000.00).",
    )
    sku = models.CharField(
        "SKU", max_length=64, blank=True, help_text="Your own stock-keeping code."
    )
    digital = models.BooleanField(
        default=False,
        help_text="A download: never runs out of stock and needs no shipping.",
    )
    summary = models.CharField(
        max_length=255,
        blank=True,
        help_text="One or two sentences for product cards and search results.",
    )
    description = RichTextField(
        blank=True, features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The main picture, shown on product cards (4:3 works best).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Sort keys on the product's own row, so every catalogue sort walks an index
    # of this table and stops at the page's end. `sort_title` follows the title
    # on every save; the ratings are written by
    # reviews.services.product_rating_recompute only (0 while unrated).
    sort_title = models.CharField(max_length=255, default="", editable=False)
    rating_average = models.DecimalField(
        max_digits=3, decimal_places=2, default=0, editable=False
    )
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    # Digital, or stock left: "In stock only" filters on this row alone.
    # Written by vendors.stock_flags only.
    in_stock = models.BooleanField(default=False, editable=False)

    content_panels = [
        StoreHiddenPanel(heading="Not on the site"),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("price"),
                FieldPanel("sku"),
                FieldPanel("digital"),
                # Asked on creation only; the form drops it when editing.
                FieldPanel("initial_stock"),
                StockPanel(heading="Stock"),
            ],
            heading="Price and stock",
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("image"), InlinePanel("gallery_images", label="Picture")],
            heading="Pictures",
        ),
    ]

    base_form_class = ProductPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("sku"),
        index.AutocompleteField("sku"),
        index.RelatedFields("store", [index.SearchField("title")]),
        index.FilterField("store"),
        index.FilterField("price"),
        index.FilterField("digital"),
        index.FilterField("created_at"),
    ]

    parent_page_types = ["vendors.StorePage"]
    subpage_types: list[str] = []
    # A copy has none of the original's reviews.
    exclude_fields_in_copy = ["rating_average", "rating_count", "in_stock"]

    class Meta:
        verbose_name = "product"
        indexes = [
            models.Index(fields=["price"], name="vendors_product_price_idx"),
            models.Index(fields=["created_at"], name="vendors_product_created_idx"),
            # The two filters on a flag, newest first (the catalogue's default),
            # walk an index of their own rather than sort every match.
            models.Index(
                fields=["digital", "created_at"], name="vendors_product_digital_new"
            ),
            models.Index(
                fields=["in_stock", "created_at"], name="vendors_product_stock_new"
            ),
            # A store's products newest first (store pages, ?store=) without a sort.
            models.Index(
                fields=["store", "created_at"], name="vendors_product_store_new_idx"
            ),
            models.Index(fields=["sort_title"], name="vendors_product_title_idx"),
            models.Index(
                fields=["rating_average", "rating_count"],
                name="vendors_product_rating_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0),
                name="vendors_product_price_gte_0",
            )
        ]

    def save(self, *args, **kwargs):
        self.sort_title = self.title.lower()[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_title"}
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self._store_set_from_parent()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        validate_page_title(self.title)

    def minimal_clean(self):
        self._store_set_from_parent()
        super().minimal_clean()

    def _store_set_from_parent(self) -> None:
        """`store` mirrors the parent page; known once the page has a tree position."""
        parent = self.get_parent()
        if parent is not None:
            self.store_id = parent.pk

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # Revisions do not record where the page sits in the tree, so an older
        # revision must not move the product back to a store it has left.
        page.store_id = self.store_id
        page.created_at = self.created_at
        # Nor bring back the ratings of the day it was saved.
        page.rating_average = self.rating_average
        page.rating_count = self.rating_count
        page.in_stock = self.in_stock
        return page

    def get_context(self, request, *args, **kwargs):
        # The selectors import this module.
        from vendors.selectors import product_gallery, products_related

        context = super().get_context(request, *args, **kwargs)
        context["gallery"] = product_gallery(product=self)
        context["related_products"] = products_related(product=self)
        return context

    def get_view_restrictions(self):
        from vendors.trail import view_restrictions

        restrictions = view_restrictions(self)
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions

    @property
    def stock_quantity(self) -> int:
        try:
            return self.stock.quantity
        except ObjectDoesNotExist:
            return 0

    @property
    def is_in_stock(self) -> bool:
        return self.digital or self.stock_quantity > 0

    @property
    def availability(self) -> Availability:
        if self.digital:
            return Availability("digital", "Digital download")
        quantity = self.stock_quantity
        if quantity == 0:
            return Availability("out_of_stock", "Out of stock")
        if quantity <= LOW_STOCK_THRESHOLD:
            return Availability("low", f"Only {quantity} left")
        return Availability("in_stock", "In stock")


class ProductGalleryImage(Orderable):
    page = ParentalKey(
        ProductPage, on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    def __str__(self):
        return self.caption or f"Picture {self.sort_order}"
