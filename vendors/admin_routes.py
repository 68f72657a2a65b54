"""The admin URLs a vendor may reach: deny by default.

`VENDOR_ROUTES` names every admin URL a user who is not a marketplace admin may
open, with the object it names and the check that object must pass; every other
admin URL answers 404 to them (`vendors.admin_scope`), the same answer whether the
object exists or not. `REFUSED_ROUTES` lists the rest on purpose, so that the route
census test (vendors/tests/test_admin_routes.py) fails on any admin URL in neither,
such as one a Wagtail upgrade or a new admin screen brings.

Routes without a name are keyed by their pattern. "Nothing named" routes list or
add things and rely on Wagtail's own permissions and our queryset hooks to show a
vendor only their own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from vendors.admin_tags import own_tag_autocomplete
from vendors.ownership import (
    images_owned_by,
    pages_explorable_by,
    pages_owned_by,
)

Check = Callable[[HttpRequest, dict], bool]
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Route:
    names: str
    check: Check
    # A view that answers a scoped user instead of Wagtail's own, when Wagtail's
    # would show more than theirs (called with the request and the URL's kwargs).
    answer: Callable | None = None


def _ids(values) -> list[int] | None:
    ids = []
    for value in values:
        value = str(value)
        if not value.isdigit() or int(value) > MAX_ID:
            return None
        ids.append(int(value))
    return ids


def _all_in(queryset, values) -> bool:
    ids = _ids(values)
    if ids is None:
        return False
    wanted = set(ids)
    return queryset.filter(pk__in=wanted).count() == len(wanted)


def nothing(request, kwargs) -> bool:
    return True


def _named_ids_within(scope: Callable) -> Callable[..., Check]:
    """A check factory: the ids in the named URL kwargs all lie within
    `scope(user)`."""

    def factory(*kwarg_names: str) -> Check:
        def check(request, kwargs):
            return _all_in(scope(request.user), [kwargs[n] for n in kwarg_names])

        return check

    return factory


def _query_ids_within(scope: Callable) -> Check:
    """A check: every `?id=` of the query string lies within `scope(user)`."""

    def check(request, kwargs):
        return _all_in(scope(request.user), request.GET.getlist("id"))

    return check


own_page = _named_ids_within(pages_owned_by)
explorable_page = _named_ids_within(pages_explorable_by)
own_image = _named_ids_within(images_owned_by)
own_pages_in_query = _query_ids_within(pages_owned_by)
own_images_in_query = _query_ids_within(images_owned_by)


def own_page_and_copy_target(request, kwargs) -> bool:
    # The copy form names the destination's title in its errors: an id that is
    # not the vendor's must not get that far.
    targets = [kwargs["page_id"]]
    if request.method == "POST" and request.POST.get("new_parent_page"):
        targets.append(request.POST["new_parent_page"])
    return _all_in(pages_owned_by(request.user), targets)


def own_upload(request, kwargs) -> bool:
    from wagtail.images.models import UploadedImage

    return _all_in(
        UploadedImage.objects.filter(uploaded_by_user=request.user),
        [kwargs["uploaded_file_id"]],
    )


def own_editing_session_object(request, kwargs) -> bool:
    if (kwargs["app_label"], kwargs["model_name"]) == ("wagtailcore", "page"):
        return _all_in(pages_owned_by(request.user), [kwargs["object_id"]])
    return False


def own_order_part(request, kwargs) -> bool:
    from shop.selectors import order_part_for_vendor

    return (
        order_part_for_vendor(user=request.user, part_id=kwargs["part_id"]) is not None
    )


def answerable_review(request, kwargs) -> bool:
    from reviews.models import Review
    from reviews.selectors import can_reply

    review = Review.objects.filter(pk=kwargs["review_id"]).first()
    return review is not None and can_reply(user=request.user, review=review)


def explorer_listing(request, kwargs) -> bool:
    # Wagtail narrows the listing to explorable pages; a vendor has no other use.
    return True


def own_bulk_action(request, kwargs) -> bool:
    # vendors.bulk_actions narrows the objects itself; only its actions pass.
    from vendors.bulk_actions import is_scoped_bulk_action

    return is_scoped_bulk_action(**kwargs)


PAGE = "a page: theirs (a store of theirs or below it)"
IMAGE = "an image: in their collection"
_page = own_page("page_id")
_image = own_image("image_id")

VENDOR_ROUTES: dict[str, Route] = {
    # The dashboard, account and assets.
    "wagtailadmin_home": Route("nothing", nothing),
    "wagtailadmin_account": Route("nothing: their own account", nothing),
    "wagtailadmin_logout": Route("nothing", nothing),
    "wagtailadmin_dismissibles": Route("nothing: their own dismissed tips", nothing),
    "wagtailadmin_sprite": Route("nothing", nothing),
    "wagtailadmin_javascript_catalog": Route("nothing", nothing),
    "wagtailadmin_login": Route("nothing", nothing),
    "admin/login/": Route("nothing: sends to the site's login", nothing),
    "admin/password_reset/": Route("nothing: sends to the site's reset", nothing),
    "wagtailadmin_password_reset": Route("nothing", nothing),
    "wagtailadmin_password_reset_done": Route("nothing", nothing),
    "wagtailadmin_password_reset_confirm": Route("a signed token", nothing),
    "wagtailadmin_password_reset_complete": Route("nothing", nothing),
    "wagtailadmin_block_preview": Route("nothing: a block type", nothing),
    "wagtailadmin_tag_autocomplete": Route(
        "nothing: the tags of their own images", nothing, answer=own_tag_autocomplete
    ),
    # Exploring and editing pages.
    "wagtailadmin_explore_root": Route("nothing", nothing),
    "wagtailadmin_explore": Route(
        PAGE + " or above", explorable_page("parent_page_id")
    ),
    "wagtailadmin_explore_results": Route(
        PAGE + " or above", explorable_page("parent_page_id")
    ),
    "wagtailadmin_api:pages:listing": Route("nothing", explorer_listing),
    "wagtailadmin_api:pages:detail": Route(PAGE, own_page("pk")),
    "wagtailadmin_pages:add": Route(PAGE, own_page("parent_page_id")),
    "wagtailadmin_pages:preview_on_add": Route(PAGE, own_page("parent_page_id")),
    "wagtailadmin_pages:add_subpage": Route(PAGE, own_page("parent_page_id")),
    "wagtailadmin_pages:choose_parent": Route("a page type", nothing),
    "wagtailadmin_pages:edit": Route(PAGE, _page),
    "wagtailadmin_pages:preview_on_edit": Route(PAGE, _page),
    "wagtailadmin_pages:view_draft": Route(PAGE, _page),
    "wagtailadmin_pages:usage": Route(PAGE, _page),
    "wagtailadmin_pages:delete": Route(PAGE, _page),
    "wagtailadmin_pages:unpublish": Route(PAGE, _page),
    "wagtailadmin_pages:copy": Route(
        PAGE + ", and the copy's parent", own_page_and_copy_target
    ),
    "wagtailadmin_pages:move": Route(PAGE, own_page("page_to_move_id")),
    "wagtailadmin_pages:move_confirm": Route(
        PAGE + ", and the destination", own_page("page_to_move_id", "destination_id")
    ),
    "wagtailadmin_pages:set_page_position": Route(PAGE, own_page("page_to_move_id")),
    "wagtailadmin_pages:set_privacy": Route(PAGE, _page),
    "wagtailadmin_pages:lock": Route(PAGE, _page),
    "wagtailadmin_pages:unlock": Route(PAGE, _page),
    "wagtailadmin_pages:search": Route("nothing", nothing),
    "wagtailadmin_pages:search_results": Route("nothing", nothing),
    # Revisions, history and workflow of their own pages (the revision, state and
    # task ids are looked up within the page by Wagtail).
    "wagtailadmin_pages:revisions_index": Route(PAGE, _page),
    "wagtailadmin_pages:revisions_view": Route(PAGE, _page),
    "wagtailadmin_pages:revisions_revert": Route(PAGE, _page),
    "wagtailadmin_pages:revisions_unschedule": Route(PAGE, _page),
    "wagtailadmin_pages:revisions_compare": Route(PAGE, own_page("pk")),
    "wagtailadmin_pages:history": Route(PAGE, _page),
    "wagtailadmin_pages:history_results": Route(PAGE, _page),
    "wagtailadmin_pages:workflow_history": Route(PAGE, _page),
    "wagtailadmin_pages:workflow_history_detail": Route(PAGE, _page),
    "wagtailadmin_pages:workflow_action": Route(PAGE, _page),
    "wagtailadmin_pages:collect_workflow_action_data": Route(PAGE, _page),
    "wagtailadmin_pages:confirm_workflow_cancellation": Route(PAGE, _page),
    "wagtailadmin_pages:workflow_preview": Route(PAGE, _page),
    "wagtailadmin_editing_sessions:ping": Route(
        PAGE + " (other models: refused)", own_editing_session_object
    ),
    "wagtailadmin_editing_sessions:release": Route(
        "an editing session: Wagtail releases only the user's own", nothing
    ),
    # Choosers.
    "wagtailadmin_choose_page": Route("nothing", nothing),
    "wagtailadmin_choose_page_child": Route(
        PAGE + " or above", explorable_page("parent_page_id")
    ),
    "wagtailadmin_choose_page_search": Route("nothing", nothing),
    "wagtailadmin_choose_page_chosen_multiple": Route(
        "pages (?id=): all theirs", own_pages_in_query
    ),
    "wagtailadmin_choose_page_external_link": Route("nothing", nothing),
    "wagtailadmin_choose_page_email_link": Route("nothing", nothing),
    "wagtailadmin_choose_page_phone_link": Route("nothing", nothing),
    "wagtailadmin_choose_page_anchor_link": Route("nothing", nothing),
    "wagtailembeds:chooser": Route("nothing", nothing),
    "wagtailembeds:chooser_upload": Route("nothing: a URL to embed", nothing),
    "wagtailimages_chooser:choose": Route("nothing", nothing),
    "wagtailimages_chooser:choose_results": Route("nothing", nothing),
    "wagtailimages_chooser:create": Route("nothing: an upload", nothing),
    "wagtailimages_chooser:chosen": Route(IMAGE, own_image("pk")),
    "wagtailimages_chooser:chosen_multiple": Route(
        "images (?id=): all theirs", own_images_in_query
    ),
    "wagtailimages_chooser:select_format": Route(IMAGE, _image),
    # Images.
    "wagtailimages:index": Route("nothing", nothing),
    "wagtailimages:index_results": Route("nothing", nothing),
    "wagtailimages:add": Route("nothing: an upload", nothing),
    "wagtailimages:add_multiple": Route("nothing: uploads", nothing),
    "wagtailimages:edit": Route(IMAGE, _image),
    "wagtailimages:delete": Route(IMAGE, _image),
    "wagtailimages:url_generator": Route(IMAGE, _image),
    "wagtailimages:url_generator_output": Route(IMAGE, _image),
    "wagtailimages:preview": Route(IMAGE, _image),
    "wagtailimages:image_usage": Route(IMAGE, _image),
    "wagtailimages:edit_multiple": Route(IMAGE, _image),
    "wagtailimages:delete_multiple": Route(IMAGE, _image),
    "wagtailimages:create_multiple_from_uploaded_image": Route(
        "an upload: their own", own_upload
    ),
    "wagtailimages:delete_upload_multiple": Route("an upload: their own", own_upload),
    # Bulk actions on their own pages and images (vendors.bulk_actions).
    "wagtail_bulk_action": Route("pages or images: theirs", own_bulk_action),
    # Reports that list only pages the user holds permissions on.
    "wagtailadmin_reports:locked_pages": Route("nothing", nothing),
    "wagtailadmin_reports:locked_pages_results": Route("nothing", nothing),
    "wagtailadmin_reports:workflow": Route("nothing", nothing),
    "wagtailadmin_reports:workflow_results": Route("nothing", nothing),
    "wagtailadmin_reports:workflow_tasks": Route("nothing", nothing),
    "wagtailadmin_reports:workflow_tasks_results": Route("nothing", nothing),
    "wagtailadmin_reports:site_history": Route("nothing", nothing),
    "wagtailadmin_reports:site_history_results": Route("nothing", nothing),
    "wagtailadmin_reports:aging_pages": Route("nothing", nothing),
    "wagtailadmin_reports:aging_pages_results": Route("nothing", nothing),
    # Our own screens for vendors.
    "vendors_admin:store_open": Route("nothing", nothing),
    "vendors_admin:product_stock": Route(PAGE, _page),
    "shop_admin:order_parts": Route("nothing: their stores' parts", nothing),
    "shop_admin:order_part": Route("an order part: of their store", own_order_part),
    "shop_admin:order_part_cancel": Route(
        "an order part: of their store", own_order_part
    ),
    "shop_admin:store_shipping": Route(PAGE, own_page("store_id")),
    "shop_admin:product_files": Route(PAGE, own_page("product_id")),
    "shop_admin:product_file_delete": Route(PAGE, own_page("product_id")),
    "review_inbox:index": Route("nothing: reviews of their products", nothing),
    "search_reports:vendor_report": Route(
        "nothing: searches that found their products", nothing
    ),
    "review_inbox:reply": Route(
        "a review: of their product, not yet answered", answerable_review
    ),
    # Their sales report (analytics): the rollups of their own stores.
    "analytics_reports:vendor": Route("nothing: their stores' sales", nothing),
    "analytics_reports:vendor_results": Route("nothing: their stores' sales", nothing),
    # Their vendor account and money (vendor_accounts, ledger).
    "vendor_accounts_admin:application": Route(
        "nothing: their own application", nothing
    ),
    "ledger_admin:earnings": Route("nothing: their own balance and payouts", nothing),
    "ledger_admin:statement": Route("a month: of their own ledger", nothing),
    "ledger_admin:statement_csv": Route("a month: of their own ledger", nothing),
}

# Admin URLs only marketplace admins use. Each group says why.
REFUSED_ROUTES: set[str] = {
    # Wagtail's catch-all and test views.
    "admin/.*/$",
    "admin/test404/",
    "wagtailadmin_error_test",
    # The admin API's images and documents list every one of them; pages: the
    # explorer uses only the listing and detail above.
    "wagtailadmin_api:pages:find",
    "wagtailadmin_api:pages:action",
    "wagtailadmin_api:images:listing",
    "wagtailadmin_api:images:detail",
    "wagtailadmin_api:images:find",
    "wagtailadmin_api:documents:listing",
    "wagtailadmin_api:documents:detail",
    "wagtailadmin_api:documents:find",
    # Site-wide listings of pages by type, and aliases (vendors make none).
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_pages:convert_alias",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_tag_model_autocomplete",
    # Site structure and people.
    *(
        f"wagtailadmin_collections:{name}"
        for name in ("index", "add", "edit", "delete", "set_privacy")
    ),
    *(
        f"wagtailadmin_workflows:{name}"
        for name in (
            "index",
            "index_results",
            "add",
            "enable",
            "disable",
            "edit",
            "usage",
            "usage_results",
            "remove",
            "add_task",
            "select_task_type",
            "task_index",
            "task_index_results",
            "edit_task",
            "disable_task",
            "enable_task",
            "task_chooser",
            "task_chooser_results",
            "task_chooser_create",
            "task_chosen",
        )
    ),
    *(
        f"{viewset}:{name}"
        for viewset in ("wagtailusers_users", "wagtailusers_groups", "wagtailsites")
        for name in (
            "index",
            "index_results",
            "add",
            "edit",
            "delete",
            "history",
            "history_results",
            "usage",
            "copy",
        )
    ),
    "wagtailsettings:edit",
    "wagtailsettings:preview_on_edit",
    "wagtailsnippets:index",
    *(
        f"wagtailforms:{name}"
        for name in (
            "index",
            "index_results",
            "list_submissions",
            "list_submissions_results",
            "delete_submissions",
        )
    ),
    *(
        f"wagtailredirects:{name}"
        for name in (
            "index",
            "index_results",
            "add",
            "edit",
            "delete",
            "start_import",
            "process_import",
        )
    ),
    # Documents: vendors hold none (vendors.ownership.documents_owned_by).
    *(
        f"wagtaildocs:{name}"
        for name in (
            "index",
            "index_results",
            "add",
            "edit",
            "delete",
            "add_multiple",
            "edit_multiple",
            "create_multiple_from_uploaded_document",
            "delete_multiple",
            "delete_upload_multiple",
            "document_usage",
        )
    ),
    *(
        f"wagtaildocs_chooser:{name}"
        for name in ("choose", "choose_results", "chosen", "chosen_multiple", "create")
    ),
    # The Vendors screen (vendors.admin_vendors) and the moderation of reviews and
    # of the X announcements.
    "vendors_admin:vendor_list",
    *(
        f"review:{name}"
        for name in ("index", "index_results", "inspect", "hide", "restore")
    ),
    *(
        f"announcement:{name}"
        for name in ("index", "index_results", "inspect", "retry", "approve", "reject")
    ),
    # Deciding on vendor accounts and payouts.
    "vendor_accounts_admin:index",
    "vendor_accounts_admin:detail",
    "ledger_admin:payout_list",
    "ledger_admin:payout",
    # The marketplace's sales and health (analytics).
    "analytics_reports:marketplace",
    "analytics_reports:marketplace_results",
    # Search promotions and the site-wide search reports (searches app): vendors
    # see their own queries on the screen listed above.
    "search_reports:report",
    *(
        f"wagtailsearchpromotions:{name}"
        for name in (
            "index",
            "index_results",
            "add",
            "edit",
            "delete",
            "chooser",
            "chooserresults",
            "search_terms",
            "search_terms_results",
        )
    ),
}
