"""Keeps vendors to their own pages and images anywhere in the Wagtail admin.

Per-vendor permissions stop vendors *changing* other vendors' pages and images, but
several admin views still *show* an object by id to anyone with admin access
(usage listings, revisions, history, previews, workflow screens; wagtail#9270). For
vendors, every admin URL that names a page or an image is answered with a 404 unless
the object is theirs, as a private object of someone else is in the API.

Bulk actions name their objects in the query string (`?id=1&id=2`, or `?id=all`
with `childOf`), and their confirmation screen lists the titles of the objects
one may not act on: for vendors, named ids must be their own, and "all" becomes
the ids of their own objects in that listing.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from vendors.access import vendor_workspace_ensure

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
IMAGE_ID_KWARGS = ("image_id",)
IMAGE_NAMESPACES = {"wagtailimages", "wagtailimages_chooser"}
BULK_ACTION_VIEW = "wagtail_bulk_action"
# Site-wide reports that list every page whatever the viewer's permissions.
ADMIN_ONLY_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


def is_admin_scoped(user) -> bool:
    """Vendors are scoped; admins and anonymous visitors (refused anyway) are not."""
    return user.is_authenticated and not (user.is_superuser or user.is_staff)


def pages_visible_in_admin(user):
    """Pages the user may see in the admin: those they hold permissions on, the
    pages below them, and the ancestors needed to navigate to them."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def images_visible_in_admin(user):
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(user, ["change", "choose"])


class VendorAdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self.admin_prefix):
            return None
        if not is_admin_scoped(request.user):
            return None
        if request.user.is_vendor:
            # A vendor without a store yet still uploads images into a
            # collection of their own: the workspace comes with the first visit.
            vendor_workspace_ensure(vendor=request.user)
        if request.resolver_match.view_name in ADMIN_ONLY_VIEWS:
            raise PermissionDenied
        if request.resolver_match.view_name == BULK_ACTION_VIEW:
            _bulk_action_scope(request, **view_kwargs)
        page_ids = [view_kwargs[k] for k in PAGE_ID_KWARGS if k in view_kwargs]
        if page_ids:
            visible = pages_visible_in_admin(request.user).filter(pk__in=page_ids)
            if visible.count() != len(set(page_ids)):
                raise Http404("No such page.")
        image_ids = [view_kwargs[k] for k in IMAGE_ID_KWARGS if k in view_kwargs]
        namespaces = set(request.resolver_match.namespaces)
        if namespaces & IMAGE_NAMESPACES and "pk" in view_kwargs:
            image_ids.append(view_kwargs["pk"])
        if image_ids:
            visible = images_visible_in_admin(request.user).filter(pk__in=image_ids)
            if visible.count() != len(set(image_ids)):
                raise Http404("No such image.")
        return None


def _visible_in_admin(user, model):
    if issubclass(model, Page):
        return pages_visible_in_admin(user)
    if issubclass(model, get_image_model()):
        return images_visible_in_admin(user)
    # Users, snippets, documents...: nothing of a vendor's to act on in bulk.
    raise PermissionDenied


def _bulk_action_scope(request, *, app_label, model_name, action):
    """Refuse a vendor's bulk action on another's objects; narrow "all" to theirs."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    visible = _visible_in_admin(request.user, model)
    ids = request.GET.getlist("id")
    if "all" in ids:
        action_class = bulk_action_registry.get_bulk_action_class(
            app_label, model_name, action
        )
        if action_class is None:
            raise Http404
        try:
            listing = action_class(request, model).get_all_objects_in_listing_query(
                request.GET.get("childOf")
            )
            own = visible.filter(pk__in=list(listing)).values_list("pk", flat=True)
            own = [str(pk) for pk in own]
        except (ObjectDoesNotExist, ValueError, TypeError) as error:
            raise Http404 from error
        query = request.GET.copy()
        query.setlist("id", own)
        query.pop("childOf", None)
        request.GET = query
        # The confirmation form posts back to this query string.
        request.META["QUERY_STRING"] = query.urlencode()
        return
    if not all(pk.isdigit() and len(pk) < 19 for pk in ids):
        raise Http404
    if visible.filter(pk__in=ids).count() != len(set(ids)):
        raise Http404("No such page or image.")
