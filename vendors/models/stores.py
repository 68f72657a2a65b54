from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.models import User
from accounts.roles import MARKETPLACE_ADMIN_PERMISSION, VENDOR_HIDDEN_STATUSES
from config.validators import validate_page_title
from vendors.blocks import StoreStreamBlock
from vendors.page_forms import OwnMediaPageForm

STORES_PER_PAGE = 24
PRODUCTS_PER_STORE_PAGE = 12


def _the_one(queryset):
    """The row of a lookup that matches at most one (a slug among siblings), or
    None, with no ORDER BY: pages come ordered by path, and ordering a wide
    select costs Django more than the query (hashing each selected column:
    7 ms a request for a product's 130, instrumented)."""
    return next(iter(queryset.order_by()[:1]), None)


def _child_by_slug(model, parent: Page, slug: str, select_related=()):
    """The child page of `parent` with this slug, loaded as `model` in one
    query (Page.route loads the base page, then its specific one); None when
    there is no such child of that type, for Page.route to deal with."""
    child = _the_one(
        model.objects.child_of(parent).select_related(*select_related).filter(slug=slug)
    )
    if child is not None:
        # As Page.route does: the child's get_parent() needs no query.
        child._cached_parent_obj = parent
    return child


# What a product page shows besides the product: loaded with it while routing.
PRODUCT_PAGE_RELATED = ("stock", "rating", "image")


def _product_by_slugs(index: Page, store_slug: str, product_slug: str):
    """The product page at index/store_slug/product_slug/ with its store (and
    the store's vendor) and its 30-day lowest price in one query, where routing
    one level at a time takes two; None when there is none, for routing to go
    on a level at a time."""
    from alerts.prices import with_lowest_price_30_days
    from vendors.models.products import ProductPage

    products = ProductPage.objects.select_related(
        "store__vendor", *PRODUCT_PAGE_RELATED
    )
    # Its "was" price too (alerts.prices.was_price): a subquery, not a query.
    product = _the_one(
        with_lowest_price_30_days(products).filter(
            slug=product_slug,
            depth=index.depth + 2,
            store__slug=store_slug,
            store__depth=index.depth + 1,
            store__path__startswith=index.path,
        )
    )
    # `store` mirrors the parent page; trust it only where the tree agrees.
    if product is None or not product.path.startswith(product.store.path):
        return None
    return product


class StoreIndexPage(Page):
    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list of stores."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["vendors.StorePage"]
    max_count = 1

    class Meta:
        verbose_name = "store index"

    def get_context(self, request, *args, **kwargs):
        # The selectors import this module.
        from vendors.selectors import page_of, stores_public

        context = super().get_context(request, *args, **kwargs)
        context["stores"] = page_of(
            stores_public(), number=request.GET.get("page"), per_page=STORES_PER_PAGE
        )
        return context

    def route(self, request, path_components):
        if path_components:
            store = None
            if len(path_components) >= 2:
                product = _product_by_slugs(self, *path_components[:2])
                if product is not None:
                    store = product.store
                    store._cached_parent_obj = self
                    store._routed_product = product
            if store is None:
                store = _child_by_slug(
                    StorePage, self, path_components[0], select_related=("vendor",)
                )
            if store is not None:
                return store.route(request, path_components[1:])
        return super().route(request, path_components)


class StorePage(Page):
    vendor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stores",
        limit_choices_to={"role": User.Role.VENDOR},
        help_text="The vendor who runs this store and receives its orders.",
    )
    description = models.TextField(
        max_length=500,
        blank=True,
        help_text="What the store sells, in a sentence or two. Shown on store cards.",
    )
    body = StreamField(StoreStreamBlock(), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Square works best; shown small beside the store name.",
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide picture across the top of the store page (3:1).",
    )
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="An inactive store and its products are hidden from the site, "
        "even when published.",
    )
    is_featured = models.BooleanField(
        "featured",
        default=False,
        help_text="Show this store on the home page.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The store's live products, counted again by
    # vendors.services.store_product_counts_refresh whenever one is published,
    # unpublished, moved or deleted: the stores list reads it instead of
    # counting every store's products on each request.
    product_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("logo"), FieldPanel("banner")],
            heading="Storefront",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                # Only marketplace admins hand a store to a vendor or feature it;
                # for anyone else the fields are left out of the form itself.
                FieldPanel("vendor", permission=MARKETPLACE_ADMIN_PERMISSION),
                FieldPanel("is_active"),
                FieldPanel("is_featured", permission=MARKETPLACE_ADMIN_PERMISSION),
            ],
            heading="Ownership and visibility",
        ),
    ]

    # Refuses images and documents outside the editor's collections.
    base_form_class = OwnMediaPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("body"),
        index.FilterField("is_active"),
        index.FilterField("vendor"),
    ]

    parent_page_types = ["vendors.StoreIndexPage"]
    subpage_types = ["vendors.ProductPage"]
    # A copy counts the products copied with it (vendors.signals).
    exclude_fields_in_copy = ["product_count"]

    class Meta:
        verbose_name = "store"
        indexes = [
            models.Index(fields=["created_at"], name="vendors_store_created_idx")
        ]

    def clean(self):
        super().clean()
        validate_page_title(self.title)

    @property
    def is_vendor_hidden(self) -> bool:
        """Whether the vendor's account (rejected, suspended) keeps the store
        off the site (accounts.roles)."""
        return self.vendor.vendor_status in VENDOR_HIDDEN_STATUSES

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # A revision keeps the count of the day it was saved: not the count now.
        page.product_count = self.product_count
        return page

    def route(self, request, path_components):
        # Products are routed through their store, so this hides them as well.
        if not (self.live and self.is_active) or self.is_vendor_hidden:
            raise Http404
        if path_components:
            from vendors.models.products import ProductPage

            product = self.__dict__.pop("_routed_product", None)
            if product is None or product.slug != path_components[0]:
                product = _child_by_slug(
                    ProductPage,
                    self,
                    path_components[0],
                    select_related=PRODUCT_PAGE_RELATED,
                )
            if product is not None:
                product._cached_parent_obj = self
                # Already loaded: page.store costs no second query.
                product.store = self
                return product.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        from vendors.trail import view_restrictions

        restrictions = view_restrictions(self)
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions

    def get_context(self, request, *args, **kwargs):
        # The selectors import this module.
        from shop.services.shipping_rules import shipping_rule_of
        from vendors.selectors import page_of, store_products_public

        context = super().get_context(request, *args, **kwargs)
        context["products"] = page_of(
            store_products_public(store=self),
            number=request.GET.get("page"),
            per_page=PRODUCTS_PER_STORE_PAGE,
        )
        # What it charges to ship and where it ships (changes drop the cached page).
        context["shipping"] = shipping_rule_of(store=self)
        return context
