"""The admin's tag autocomplete for users who are not marketplace admins.

Wagtail's own (`wagtailadmin_tag_autocomplete`) suggests every tag in the
database: another vendor's image tags included. A vendor is offered only the tags
on their own images (`vendors.ownership`); `vendors.admin_routes` answers with
this view in its place.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.images import get_image_model

from vendors.ownership import images_owned_by


@require_admin_access
def own_tag_autocomplete(request):
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(get_image_model()),
        object_id__in=images_owned_by(request.user).values("pk"),
    ).values("tag_id")
    names = (
        Tag.objects.filter(pk__in=tagged, name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
