from django.core.exceptions import SuspiciousOperation
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from config.validators import validate_safe_link


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_with_caption_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link_label = blocks.CharBlock(max_length=60)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.CharBlock(
        required=False,
        max_length=255,
        validators=[validate_safe_link],
        help_text="A path on this site (/stores/), a web address (https://…) or "
        "an e-mail link (mailto:…).",
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The rich content editors put on pages: text, images, quotes, calls to action."""

    heading = blocks.CharBlock(
        max_length=120, form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()

    def value_from_datadict(self, data, files, prefix):
        # Wagtail indexes the form data it expects (`body-count`, `body-0-type`):
        # a hand-made or truncated POST would raise KeyError, a 500. Django
        # answers SuspiciousOperation with 400.
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError) as error:
            raise SuspiciousOperation(
                f"Malformed form data for the {prefix!r} field."
            ) from error
