"""Page forms that accept only the editor's own images and documents.

An image id is all a chooser, a gallery row, a StreamField block or a rich-text
embed sends, so without this a vendor could publish another vendor's private
upload on their own page. Whatever the form holds is checked against
`vendors.ownership` for the editing user (marketplace admins own everything).
"""

import re

from django.forms import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

RICH_TEXT_EMBED = re.compile(
    r'<embed\b[^>]*\bembedtype="image"[^>]*\bid="(\d+)"'
    r'|<embed\b[^>]*\bid="(\d+)"[^>]*\bembedtype="image"'
)
RICH_TEXT_DOCUMENT = re.compile(r'<a\b[^>]*\blinktype="document"[^>]*\bid="(\d+)"')
FOREIGN_MEDIA = "Choose one of your own images or documents: this one is not yours."


def _media_in(value, images: set[int], documents: set[int]) -> None:
    """Collect the ids of the images and documents a form value refers to."""
    if isinstance(value, get_image_model()):
        images.add(value.pk)
    elif isinstance(value, get_document_model()):
        documents.add(value.pk)
    elif isinstance(value, StreamValue):
        for child in value:
            _media_in(child.value, images, documents)
    elif isinstance(value, StructValue):
        for item in value.values():
            _media_in(item, images, documents)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            _media_in(item, images, documents)
    elif isinstance(value, RichText | str):
        source = value.source if isinstance(value, RichText) else value
        for match in RICH_TEXT_EMBED.finditer(source):
            images.add(int(match.group(1) or match.group(2)))
        for match in RICH_TEXT_DOCUMENT.finditer(source):
            documents.add(int(match.group(1)))


def _foreign(user, images: set[int], documents: set[int]) -> bool:
    # Imported here: ProductPage's module imports this form, and ownership the models.
    from vendors.ownership import documents_owned_by, images_owned_by

    owned_images = images_owned_by(user).filter(pk__in=images).count()
    owned_documents = documents_owned_by(user).filter(pk__in=documents).count()
    return owned_images != len(images) or owned_documents != len(documents)


def foreign_media_fields(user, values: dict) -> list[str]:
    """The names among `values` (field name -> value: an image, a document, a
    stream, rich text, a list of them) that refer to an image or document outside
    `user`'s own collections. The one check, for the admin's page forms and for
    the services every other door goes through (vendors.services)."""
    refused = []
    for name, value in values.items():
        images, documents = set(), set()
        _media_in(value, images, documents)
        if (images or documents) and _foreign(user, images, documents):
            refused.append(name)
    return refused


class OwnMediaPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is None:
            return cleaned_data
        for name in foreign_media_fields(self.for_user, dict(cleaned_data)):
            self.add_error(name, ValidationError(FOREIGN_MEDIA))
        for formset in self.formsets.values():
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                for name in foreign_media_fields(
                    self.for_user, dict(form.cleaned_data)
                ):
                    form.add_error(name, ValidationError(FOREIGN_MEDIA))
                    self.add_error(None, ValidationError(FOREIGN_MEDIA))
        return cleaned_data
