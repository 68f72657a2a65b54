"""Images in and out of the API: uploads become Wagtail images in the vendor's
collection; responses carry rendition URLs fetched in bulk."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from accounts.models import User
from vendors.access import vendor_workspace_ensure

RENDITIONS = {
    "thumbnail": "fill-160x120",
    "medium": "max-640x480",
    "large": "max-1280x960",
}


def image_prefetch(lookup: str) -> Prefetch:
    """Prefetch the image behind `lookup` with the API's renditions."""
    return Prefetch(
        lookup,
        queryset=get_image_model().objects.prefetch_renditions(*RENDITIONS.values()),
    )


def image_from_upload(*, upload, vendor: User, title: str):
    """A Wagtail image in the vendor's collection, as the admin's uploader makes."""
    image = get_image_model()(
        title=title[:255],
        file=upload,
        collection=vendor_workspace_ensure(vendor=vendor).collection,
        uploaded_by_user=vendor,
    )
    image._set_image_file_metadata()
    image.full_clean()
    image.save()
    return image


class ImageUploadField(serializers.FileField):
    default_error_messages = {
        "invalid": "Upload a valid image. The file is not an image or is corrupted."
    }

    """An uploaded picture, checked as the Wagtail admin checks one: a real image
    in an allowed format, within WAGTAILIMAGES_MAX_UPLOAD_SIZE and pixel limits."""

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            return WagtailImageField(required=True).clean(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        except Exception as error:
            # Wagtail trusts the file's first bytes; a picture that is broken
            # past them makes the image libraries raise whatever they meet.
            raise serializers.ValidationError(self.error_messages["invalid"]) from error


class RenditionsSerializer(serializers.Serializer):
    thumbnail = serializers.URLField()
    medium = serializers.URLField()
    large = serializers.URLField()


@extend_schema_field(RenditionsSerializer(allow_null=True))
class RenditionsField(serializers.Field):
    """`{"thumbnail": URL, "medium": URL, "large": URL}` for an image, or null."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        request = self.context.get("request")
        try:
            # One call for the three, leaving prefetched renditions in place.
            renditions = image.get_renditions(*RENDITIONS.values())
            urls = {name: renditions[spec].url for name, spec in RENDITIONS.items()}
        except OSError:  # a missing or unreadable original (SourceImageIOError)
            return None
        if request is not None:
            urls = {name: request.build_absolute_uri(url) for name, url in urls.items()}
        return urls
