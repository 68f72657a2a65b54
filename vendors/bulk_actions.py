"""Wagtail's page and image bulk actions, narrowed to what the user owns.

Registered after Wagtail's own (a later registration of an action type wins), so
the bulk-action view runs these: "select all" covers only the user's own objects,
and naming another's id is a 404 (the confirmation screen would list its title).
`vendors.admin_routes` lets a non-admin reach only actions of this module.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from wagtail import hooks
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.bulk_actions import delete as page_delete
from wagtail.admin.views.pages.bulk_actions import move as page_move
from wagtail.admin.views.pages.bulk_actions import publish as page_publish
from wagtail.admin.views.pages.bulk_actions import unpublish as page_unpublish
from wagtail.images.views.bulk_actions import add_tags as image_add_tags
from wagtail.images.views.bulk_actions import add_to_collection as image_to_collection
from wagtail.images.views.bulk_actions import delete as image_delete
from wagtail.models import Page

from accounts.roles import is_admin_scoped
from vendors.ownership import images_owned_by, pages_owned_by

MAX_ID = 2**63 - 1


class OwnObjectsOnly:
    def _owned(self):
        if issubclass(self.model, Page):
            return pages_owned_by(self.request.user)
        return images_owned_by(self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        try:
            ids = list(super().get_all_objects_in_listing_query(parent_id))
        except (ObjectDoesNotExist, ValueError, TypeError) as error:
            raise Http404 from error
        if is_admin_scoped(self.request.user):
            ids = list(self._owned().filter(pk__in=ids).values_list("pk", flat=True))
        return ids

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        if is_admin_scoped(self.request.user) and "all" not in ids:
            if not all(pk.isdigit() and int(pk) <= MAX_ID for pk in ids):
                raise Http404
            wanted = set(ids)
            if self._owned().filter(pk__in=wanted).count() != len(wanted):
                raise Http404("No such page or image.")
        return super().get_actionable_objects()


WAGTAIL_ACTIONS = [
    page_delete.DeleteBulkAction,
    page_move.MoveBulkAction,
    page_publish.PublishBulkAction,
    page_unpublish.UnpublishBulkAction,
    image_add_tags.AddTagsBulkAction,
    image_to_collection.AddToCollectionBulkAction,
    image_delete.DeleteBulkAction,
]

for _action in WAGTAIL_ACTIONS:
    hooks.register(
        "register_bulk_action",
        type(_action.__name__, (OwnObjectsOnly, _action), {}),
        order=100,
    )


def is_scoped_bulk_action(*, app_label: str, model_name: str, action: str) -> bool:
    action_class = bulk_action_registry.get_bulk_action_class(
        app_label, model_name, action
    )
    return action_class is not None and issubclass(action_class, OwnObjectsOnly)
