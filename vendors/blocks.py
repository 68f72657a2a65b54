from wagtail import blocks

from home.blocks import ContentStreamBlock, ImageWithCaptionBlock
from vendors.renditions import BODY_GALLERY, images_prefetch_renditions


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    images = blocks.ListBlock(ImageWithCaptionBlock(), min_num=1)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        images_prefetch_renditions(
            (item["image"] for item in value["images"]), BODY_GALLERY
        )
        return context


class StoreStreamBlock(ContentStreamBlock):
    """A store's page body: the site's content blocks plus photo galleries."""

    gallery = GalleryBlock()
