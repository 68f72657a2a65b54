from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.permissions import register_permission_policy

from reviews import admin_inbox
from reviews.admin_moderation import ReviewPermissionPolicy, ReviewViewSet
from reviews.admin_panels import ReportedReviewsPanel, ReviewInboxPanel
from reviews.models import Review

# The moderation queue leads the dashboard: reported reviews, then the pages
# awaiting the user's review (Wagtail puts that one at 220, below the rest).
WORKFLOW_PANEL_ORDER = 20

review_permission_policy = ReviewPermissionPolicy(Review)
register_permission_policy(Review, review_permission_policy)


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet("review")


@hooks.register("register_admin_urls")
def register_review_inbox_urls():
    urls = [
        path("", admin_inbox.inbox, name="index"),
        path("<int:review_id>/reply/", admin_inbox.reply, name="reply"),
    ]
    return [
        path(
            "review-inbox/",
            include((urls, "review_inbox"), namespace="review_inbox"),
        )
    ]


class VendorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor


@hooks.register("register_admin_menu_item")
def register_review_inbox_menu_item():
    return VendorMenuItem(
        "Review inbox", reverse("review_inbox:index"), icon_name="comment", order=170
    )


@hooks.register("construct_homepage_panels")
def moderation_queue_first(request, panels):
    for panel in panels:
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            panel.order = WORKFLOW_PANEL_ORDER
    if review_permission_policy.user_has_permission(request.user, "moderate"):
        panels.append(ReportedReviewsPanel())


@hooks.register("construct_homepage_panels")
def review_inbox_on_dashboard(request, panels):
    if request.user.is_vendor:
        panels.append(ReviewInboxPanel(user=request.user))
