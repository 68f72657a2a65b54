from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import (
    IndexView,
    InspectView,
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from accounts.permission_policies import SuperuserOnlyPolicy
from announcements.exceptions import AnnouncementNotRetryable, AnnouncementNotReviewable
from announcements.models import Announcement
from announcements.services import (
    announcement_approve,
    announcement_reject,
    announcement_retry,
)

RETRYABLE = {Announcement.Status.FAILED, Announcement.Status.SKIPPED}
# The review actions: (URL name, label, icon).
REVIEW_ACTIONS = [
    ("approve", "Approve", "success"),
    ("reject", "Reject", "cross"),
]


class AnnouncementPermissionPolicy(SuperuserOnlyPolicy):
    """Marketplace admins read announcements, review vendors' and retry them;
    nobody writes one by hand (only publishing does), and no group can be given
    more."""

    actions = {"view", "retry", "review"}


# Registered before the viewset asks for one, which would make a fallback policy.
register_permission_policy(Announcement, AnnouncementPermissionPolicy(Announcement))


def _review_buttons(announcement, *, button_class, user_may_review):
    if announcement.status != Announcement.Status.REVIEW or not user_may_review:
        return []
    return [
        button_class(
            label,
            url=reverse(f"announcement:{name}", args=[announcement.pk]),
            icon_name=icon,
            priority=10 + index,
        )
        for index, (name, label, icon) in enumerate(REVIEW_ACTIONS)
    ]


class AnnouncementIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(
            _review_buttons(
                instance,
                button_class=MenuItem,
                user_may_review=self.user_has_permission("review"),
            )
        )
        if instance.status in RETRYABLE and self.user_has_permission("retry"):
            buttons.append(
                MenuItem(
                    "Retry",
                    url=reverse("announcement:retry", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons


class AnnouncementInspectView(InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.extend(
            _review_buttons(
                self.object,
                button_class=Button,
                user_may_review=self.user_has_permission("review"),
            )
        )
        if self.object.status in RETRYABLE and self.user_has_permission("retry"):
            buttons.append(
                Button(
                    "Retry",
                    url=reverse("announcement:retry", args=[self.object.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons


class AnnouncementRetryView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Asks for confirmation (GET), then sends the announcement again (POST)."""

    model = Announcement
    permission_required = "retry"
    template_name = "announcements/confirm_retry.html"
    page_title = "Retry announcement"
    header_icon = "resubmit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Announcement, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("announcement:index"), "label": "Announcements"},
            {"url": "", "label": self.page_title, "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            announcement=self.object,
            is_retryable=self.object.status in RETRYABLE,
            index_url=reverse("announcement:index"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            announcement_retry(announcement=self.object)
        except AnnouncementNotRetryable as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{self.object}” will be sent again.")
        return redirect("announcement:index")


class AnnouncementReviewView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Shows what would be posted and asks (GET); approves or rejects (POST)."""

    model = Announcement
    permission_required = "review"
    template_name = "announcements/confirm_review.html"
    header_icon = "globe"
    action = ""  # "approve" or "reject"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Announcement.objects.select_related("page"), pk=kwargs["pk"]
        )

    def get_page_title(self):
        return f"{self.action.capitalize()} announcement"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("announcement:index"), "label": "Announcements"},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        page = self.object.page
        return super().get_context_data(
            announcement=self.object,
            action=self.action,
            is_reviewable=self.object.status == Announcement.Status.REVIEW,
            page_edit_url=(
                reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else ""
            ),
            index_url=reverse("announcement:index"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        review = (
            announcement_approve if self.action == "approve" else announcement_reject
        )
        try:
            review(announcement=self.object, user=request.user)
        except AnnouncementNotReviewable as error:
            messages.error(request, str(error))
        else:
            done = (
                "approved: it will be posted to X"
                if self.action == "approve"
                else "rejected: it will not be posted"
            )
            messages.success(request, f"“{self.object}” {done}.")
        return redirect("announcement:index")


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    icon = "globe"
    menu_label = "X announcements"
    add_to_admin_menu = True
    menu_order = 850
    index_view_class = AnnouncementIndexView
    inspect_view_class = AnnouncementInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        Column("status", label="Status", accessor="get_status_display"),
        "attempts",
        "tweet_id",
        "last_error",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["title", "text"]
    search_backend_name = None
    inspect_view_fields = [
        "kind",
        "title",
        "url",
        "text",
        "status",
        "tweet_id",
        "media_id",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]

    def get_permissions_to_register(self):
        # The policy asks accounts.roles only: group permissions would do nothing.
        return Permission.objects.none()

    def get_urlpatterns(self):
        # Read only: announcements are written by publishing, never by hand.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("retry/<int:pk>/", AnnouncementRetryView.as_view(), name="retry"),
            *(
                path(
                    f"{name}/<int:pk>/",
                    AnnouncementReviewView.as_view(action=name),
                    name=name,
                )
                for name, _label, _icon in REVIEW_ACTIONS
            ),
        ]


@hooks.register("register_admin_viewset")
def register_announcement_viewset():
    return AnnouncementViewSet("announcement")
