"""The image renditions the storefront templates ask for, so listings can fetch
them in bulk. Each constant must match the filter specs of its template tag."""

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter

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
