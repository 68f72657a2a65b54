from wagtail.images.forms import BaseImageForm

from vendors.renditions import image_renditions_enqueue


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), which also has the
    storefront renditions of a changed image made in the task worker.

    Here and not in a post_save receiver: the form deletes the old renditions
    after saving a new file, which would undo renditions made before.
    """

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            image_renditions_enqueue(image_id=image.pk)
        return image
