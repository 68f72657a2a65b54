from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import QueryDict
from modelsearch.backends.base import BaseSearchResults
from wagtail.images.models import AbstractImage
from wagtail.models import PageViewRestriction

from accounts.models import User
from accounts.roles import VENDOR_HIDDEN_STATUSES
from vendors import renditions
from vendors.filters import ProductFilterSet
from vendors.models import ProductPage, StorePage
from vendors.search import RankedResults, ranked_ids, search_words

FEATURED_STORES_LIMIT = 6
NEW_PRODUCTS_LIMIT = 8
RELATED_PRODUCTS_LIMIT = 4
SEARCH_STORES_LIMIT = 6
# Ten pages of results: enough to find a product by its words; past that a
# visitor adds a word rather than pages on.
SEARCH_MAX_RESULTS = 240


@dataclass(frozen=True)
class ProductPicture:
    image: AbstractImage
    caption: str
    alt: str


def _stores_open() -> QuerySet[StorePage]:
    return (
        StorePage.objects.live()
        .filter(is_active=True)
        .exclude(vendor__vendor_status__in=VENDOR_HIDDEN_STATUSES)
    )


def stores_visible() -> QuerySet[StorePage]:
    """Stores anyone may see: published, active and not behind a view restriction."""
    return _stores_open().public()


def stores_public() -> QuerySet[StorePage]:
    """Visible stores as the storefront lists them: logo, banner and the
    product count kept on the row (vendors.store_counts)."""
    return (
        stores_visible()
        .prefetch_related(
            renditions.image_prefetch("logo", renditions.STORE_LOGO),
            renditions.image_prefetch("banner", renditions.STORE_BANNER_CARD),
        )
        .order_by("title", "pk")
    )


def stores_featured(*, limit: int = FEATURED_STORES_LIMIT) -> QuerySet[StorePage]:
    return stores_public().filter(is_featured=True)[:limit]


def products_visible() -> QuerySet[ProductPage]:
    """Products anyone may see: published, in a published and active store.

    A product is a descendant of its store, so `public()` also hides the products
    of a store behind a view restriction.
    """
    return (
        ProductPage.objects.live()
        .public()
        .filter(store__in=_stores_open().values("pk"))
    )


def _products_listed() -> QuerySet[ProductPage]:
    """products_visible() for lists, shaped to start from the product table.

    The closed stores (usually none) are read first and excluded by id. Given a
    subquery or a list of the open stores, MariaDB and SQLite start from the
    store side and sort every product through a temporary table; given this,
    they walk the product table's ordering index and stop at the page's end.
    """
    closed_store_ids = list(
        StorePage.objects.filter(
            Q(live=False)
            | Q(is_active=False)
            | Q(vendor__vendor_status__in=VENDOR_HIDDEN_STATUSES)
        ).values_list("pk", flat=True)
    )
    products = ProductPage.objects.live().public()
    if closed_store_ids:
        products = products.exclude(store_id__in=closed_store_ids)
    return products


# The columns a product card reads (templates/includes/product_card.html), with
# what its link needs (url_path) and what Wagtail reads of every page it loads.
PRODUCT_CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "depth",
    "path",
    "live",
    "content_type_id",
    "locale_id",
    "store_id",
    "price",
    "digital",
    "image_id",
    "created_at",
    "rating_average",
    "rating_count",
    "stock__quantity",
    "stock__product_id",
)


def _product_cards(products: QuerySet[ProductPage]) -> QuerySet[ProductPage]:
    """What a product card shows, newest first. The card's stars come from the
    product's own copy of its rating (rating_average, rating_count: written with
    reviews.ProductRating), so the rating is not joined."""
    return (
        products.select_related("stock")
        .prefetch_related(renditions.image_prefetch("image", renditions.PRODUCT_CARD))
        .order_by("-created_at", "-pk")
    )


def products_public() -> QuerySet[ProductPage]:
    """Visible products with what a product card shows, newest first."""
    # The store is prefetched: joining it would again make MariaDB start from
    # the store table.
    return _product_cards(_products_listed()).prefetch_related("store")


def products_new(*, limit: int = NEW_PRODUCTS_LIMIT) -> QuerySet[ProductPage]:
    return products_public()[:limit]


def _products_of_shown_store(store: StorePage) -> QuerySet[ProductPage]:
    """The visible products of a store whose own page (or a product's) is being
    shown: the store is open (StorePage.route) and the visitor has passed any
    view restriction above them, so neither the closed stores nor every
    restriction is looked up first; a product with a restriction of its own is
    left out in the same query."""
    return (
        ProductPage.objects.live()
        .filter(store=store)
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
    )


def store_products_public(*, store: StorePage) -> QuerySet[ProductPage]:
    return _product_cards(_products_of_shown_store(store)).prefetch_related("store")


def products_related(
    *, product: ProductPage, limit: int = RELATED_PRODUCTS_LIMIT
) -> list[ProductPage]:
    """Other products of the same store, for "More from this store"; each
    card's store is the product's own, already loaded."""
    store = product.store
    if not (store.live and store.is_active):
        return []  # a preview of a product in a closed store
    related = list(
        _product_cards(_products_of_shown_store(store))
        .exclude(pk=product.pk)
        .only(*PRODUCT_CARD_FIELDS)[:limit]
    )
    for other in related:
        other.store = store
    return related


def product_gallery(*, product: ProductPage) -> list[ProductPicture]:
    """The product's pictures in order: its main image, then the gallery.

    Works for previews too, where the gallery lives only in memory. Read once
    per product object: the page and its structured data both show them.
    """
    pictures = product.__dict__.get("_gallery_pictures")
    if pictures is not None:
        return pictures
    pictures = []
    if product.image:
        pictures.append(
            ProductPicture(image=product.image, caption="", alt=product.title)
        )
    pictures += [
        ProductPicture(
            image=item.image, caption=item.caption, alt=item.caption or product.title
        )
        for item in product.gallery_images.select_related("image")
        if item.image is not None
    ]
    # The share picture too: an image whose renditions were prefetched looks for
    # others among those only (Wagtail), and would try to make one that exists.
    renditions.images_prefetch_renditions(
        (picture.image for picture in pictures),
        renditions.PRODUCT_GALLERY + renditions.SHARE,
    )
    product.__dict__["_gallery_pictures"] = pictures
    return pictures


class CappedPaginator(Paginator):
    """Counts no further than `max_pages` pages, and later pages do not exist.

    An exact count, and a deep OFFSET, read every matching row: cost that grows
    with the catalog. Past the cap a visitor narrows the list (store, price,
    sort order) instead of paging on; `is_capped` says there are more.
    """

    def __init__(self, object_list, per_page, *, max_pages: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_count = per_page * max_pages

    @cached_property
    def _capped_count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # Which rows fill the cap does not matter: no ORDER BY to sort them.
            return self.object_list.order_by()[: self.max_count + 1].count()
        return min(len(self.object_list), self.max_count + 1)

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.max_count)

    @property
    def is_capped(self) -> bool:
        return self._capped_count > self.max_count

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        if isinstance(rows, QuerySet) and rows.query.low_mark > 0:
            page.object_list = _rows_by_ids(self.object_list, rows)
        return page


def _rows_by_ids(queryset: QuerySet, rows: QuerySet) -> list:
    """A later page's rows in two steps: their ids (the ordering index and the
    primary key only), then those rows in full. Asked for whole rows past an
    offset, MariaDB sorted every product (description and all) instead of
    walking the index: 50-100 ms for page 100 of 100,000 products."""
    ids = list(rows.prefetch_related(None).values_list("pk", flat=True))
    found = queryset.order_by().filter(pk__in=ids).in_bulk()
    return [found[pk] for pk in ids if pk in found]


def page_of(
    queryset, *, number: str | int | None, per_page: int, max_pages: int | None = None
) -> PaginatorPage:
    """One page of results; a page number that is not a number or out of range
    gives the first or the last page. With `max_pages`, only that many pages
    are counted and served (CappedPaginator)."""
    if max_pages is None:
        return Paginator(queryset, per_page).get_page(number)
    return CappedPaginator(queryset, per_page, max_pages=max_pages).get_page(number)


class PageMissing(Exception):
    """A page number past the pages a capped list serves."""

    def __init__(self, paginator: CappedPaginator, number: int):
        super().__init__(f"No page {number}")
        self.paginator = paginator
        self.number = number


def page_or_missing(
    queryset, *, number: str | int | None, per_page: int, max_pages: int
) -> PaginatorPage:
    """One page of a list capped at `max_pages` (CappedPaginator), as page_of
    gives it, except that a number past the cap raises PageMissing: those pages
    are not served however many rows there are, rather than showing the last
    page counted under another page's address."""
    paginator = CappedPaginator(queryset, per_page, max_pages=max_pages)
    try:
        requested = int(number)
    except (TypeError, ValueError):
        requested = None
    if requested is not None and requested > max_pages:
        raise PageMissing(paginator, requested)
    return paginator.get_page(number)


def product_list_filtered(params: QueryDict) -> ProductFilterSet:
    """The catalogue: visible products narrowed by `params`; read `.qs` and `.form`."""
    return ProductFilterSet(
        params,
        queryset=products_public(),
        stores=stores_visible().order_by("title", "pk"),
    )


def stores_managed_by(user: User | AnonymousUser) -> QuerySet[StorePage]:
    """Stores the user may edit: every store for admins, their own for vendors."""
    if not user.is_authenticated:
        return StorePage.objects.none()
    if user.is_admin:
        return StorePage.objects.all()
    if user.is_vendor:
        return StorePage.objects.filter(vendor=user)
    return StorePage.objects.none()


def products_managed_by(user: User | AnonymousUser) -> QuerySet[ProductPage]:
    """Products the user may edit: all for admins, their stores' for vendors."""
    if not user.is_authenticated:
        return ProductPage.objects.none()
    if user.is_admin:
        return ProductPage.objects.all()
    if user.is_vendor:
        return ProductPage.objects.filter(store__vendor=user)
    return ProductPage.objects.none()


# A vendor's checklist looks at this many of their stores, the oldest first.
SETUP_STORES_LIMIT = 20


@dataclass(frozen=True)
class VendorSetup:
    """How far a vendor is with their first steps, read from their own pages.

    `store_id` is the store to carry on with (their oldest), None before the first.
    """

    store_id: int | None
    is_store_live: bool
    has_logo: bool
    has_product: bool
    is_published: bool

    @property
    def has_store(self) -> bool:
        return self.store_id is not None

    @property
    def is_complete(self) -> bool:
        return (
            self.has_store
            and self.has_logo
            and self.has_product
            and (self.is_published)
        )


def vendor_setup(*, user: User) -> VendorSetup:
    """The vendor's first steps: open a store, add a logo, add a product, and
    publish both (a live product in a live store). One query."""
    products = ProductPage.objects.filter(store=OuterRef("pk"))
    stores = list(
        StorePage.objects.filter(vendor=user)
        .annotate(
            has_product=Exists(products),
            has_live_product=Exists(products.filter(live=True)),
        )
        .order_by("created_at", "pk")
        .values("pk", "live", "logo_id", "has_product", "has_live_product")[
            :SETUP_STORES_LIMIT
        ]
    )
    first = stores[0] if stores else None
    return VendorSetup(
        store_id=first["pk"] if first else None,
        is_store_live=bool(first and first["live"]),
        has_logo=any(store["logo_id"] for store in stores),
        has_product=any(store["has_product"] for store in stores),
        is_published=any(
            store["live"] and store["has_live_product"] for store in stores
        ),
    )


def is_store_visible(*, store: StorePage) -> bool:
    """Whether the store, and so its live products, can be seen on the site."""
    return stores_visible().filter(pk=store.pk).exists()


def catalogue_search(
    *, query: str
) -> tuple[list[StorePage], Sequence[ProductPage] | BaseSearchResults]:
    """Visible stores and products matching the words of `query`, best first; the
    products come lazily, to be paginated, and stop at SEARCH_MAX_RESULTS."""
    words = search_words(query)
    if not words:
        return [], ProductPage.objects.none()
    store_ids = ranked_ids(StorePage, words, limit=SEARCH_MAX_RESULTS)
    product_ids = ranked_ids(ProductPage, words, limit=SEARCH_MAX_RESULTS)
    if store_ids is None or product_ids is None:
        # A search engine behind Wagtail's backends ranks at any size.
        text = " ".join(words)
        stores = list(stores_public().search(text)[:SEARCH_STORES_LIMIT])
        return stores, products_public().search(text)
    visible_stores = set(
        stores_visible().filter(pk__in=store_ids).values_list("pk", flat=True)
    )
    stores = RankedResults(
        [pk for pk in store_ids if pk in visible_stores], stores_public()
    )[:SEARCH_STORES_LIMIT]
    visible = set(
        _products_listed().filter(pk__in=product_ids).values_list("pk", flat=True)
    )
    return stores, RankedResults(
        [pk for pk in product_ids if pk in visible], products_public()
    )


# What the admin's Vendors screen shows of each store.
_STORE_LISTING_FIELDS = ("title", "live", "is_active", "url_path", "vendor_id")


def vendors_for_admin(*, query: str = "") -> QuerySet[User]:
    """Every vendor account with its stores (by title), by username; `query`
    matches a username, name, e-mail address or store title."""
    vendors = User.objects.filter(role=User.Role.VENDOR)
    query = query.strip()
    if query:
        store_vendors = StorePage.objects.filter(title__icontains=query)
        vendors = vendors.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(pk__in=store_vendors.values("vendor_id"))
        )
    stores = StorePage.objects.only(*_STORE_LISTING_FIELDS).order_by("title", "pk")
    return vendors.prefetch_related(Prefetch("stores", queryset=stores)).order_by(
        "username", "pk"
    )
