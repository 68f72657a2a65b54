"""The image renditions the storefront templates ask for, so listings can fetch
them in bulk. Each constant must match the filter specs of its template tag."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page, ReferenceIndex

# includes/product_card.html
PRODUCT_CARD = Filter.expand_spec("fill-{400x300,800x600} format-{avif,webp,jpeg}")
# includes/store_card.html and the store header in vendors/store_page.html
STORE_LOGO = Filter.expand_spec("fill-{96x96,192x192} format-{avif,webp,png}")
# includes/store_card.html
STORE_BANNER_CARD = Filter.expand_spec("fill-{480x160,960x320} format-{avif,webp,jpeg}")
# vendors/product_page.html: the large picture and the thumbnails under it
PRODUCT_GALLERY = Filter.expand_spec(
    "fill-{640x480,960x720,1280x960} format-{avif,webp,jpeg}"
) + Filter.expand_spec("fill-{96x72,192x144} format-{webp,jpeg}")
# blocks/gallery_block.html
BODY_GALLERY = Filter.expand_spec("fill-{400x300,800x600} format-{avif,webp,jpeg}")
# vendors/store_page.html: the banner across the top
STORE_BANNER = Filter.expand_spec(
    "fill-{960x320,1440x480,1920x640} format-{avif,webp,jpeg}"
)
# blocks/image_with_caption_block.html
BODY_IMAGE = Filter.expand_spec("format-{avif,webp,jpeg} width-{480,800,1200}")
# shop/cart_detail.html
CART_LINE = ["fill-160x120"]
# home.seo: the picture a share of a product, store or the home page shows
SHARE = ["fill-1200x630|format-jpeg"]


def rendition_of(image: AbstractImage, spec: str):
    """The image's rendition for `spec`. Through get_renditions, which leaves a
    prefetched rendition alone: get_rendition writes it back to the cache,
    pickled with its image, on every call."""
    return image.get_renditions(spec)[spec]


def image_prefetch(lookup: str, specs: list[str]) -> Prefetch:
    """Prefetch the images behind `lookup` with the renditions named by `specs`."""
    return Prefetch(
        lookup, queryset=get_image_model().objects.prefetch_renditions(*specs)
    )


def images_prefetch_renditions(images: Iterable, specs: list[str]) -> None:
    """Attach the given renditions to already loaded images, in one query."""
    rendition_model = get_image_model().get_rendition_model()
    prefetch_related_objects(
        [image for image in images if image is not None],
        Prefetch(
            "renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=specs),
        ),
    )


def page_image_specs(page) -> list[tuple[AbstractImage, list[str]]]:
    """The images a store or product page shows on the storefront, each with
    the renditions its templates ask for (its own page, cards, the cart)."""
    # The models import this module.
    from vendors.models import ProductPage, StorePage

    uses = []
    if isinstance(page, ProductPage):
        uses.append((page.image, PRODUCT_CARD + PRODUCT_GALLERY + CART_LINE + SHARE))
        uses += [
            # The product's structured data lists every picture at the share size.
            (item.image, PRODUCT_GALLERY + SHARE)
            for item in page.gallery_images.select_related("image")
        ]
    elif isinstance(page, StorePage):
        uses.append((page.logo, STORE_LOGO + SHARE))
        uses.append((page.banner, STORE_BANNER_CARD + STORE_BANNER + SHARE))
        for block in page.body:
            if block.block_type == "image":
                uses.append((block.value["image"], BODY_IMAGE))
            elif block.block_type == "gallery":
                uses += [
                    (item["image"], BODY_GALLERY) for item in block.value["images"]
                ]
    return [(image, specs) for image, specs in uses if image is not None]


def page_renditions_make(*, page_id: int) -> int:
    """Make the storefront renditions of a live store or product page that do
    not exist yet, so no visitor waits for them; returns how many it asked for.

    Runs in the task worker: AVIF in three sizes takes seconds per picture.
    """
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return 0
    count = 0
    for image, specs in page_image_specs(page.specific):
        image.get_renditions(*specs)
        count += len(specs)
    return count


def image_renditions_make(*, image_id: int) -> int:
    """Make the renditions of every live page showing the image (after a new
    file or focal point); returns how many it asked for."""
    image_model = get_image_model()
    page_ids = (
        ReferenceIndex.get_references_to(image_model(pk=image_id))
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])
    return sum(page_renditions_make(page_id=page.pk) for page in pages)


def page_renditions_enqueue(*, page_id: int) -> None:
    # The task module imports this one.
    from vendors.tasks import page_renditions_make_task

    def enqueue():
        page_renditions_make_task.enqueue(page_id)

    _on_commit(enqueue)


def image_renditions_enqueue(*, image_id: int) -> None:
    from vendors.tasks import image_renditions_make_task

    def enqueue():
        image_renditions_make_task.enqueue(image_id)

    _on_commit(enqueue)


def _on_commit(enqueue) -> None:
    # robust: a queue that is down must not fail the publish or the upload; the
    # renditions are then made at the first view, as before. (A plain function:
    # Django names it by __qualname__ when it fails, which a partial lacks.)
    transaction.on_commit(enqueue, robust=True)
