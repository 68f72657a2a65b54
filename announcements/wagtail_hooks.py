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
from announcements.exceptions import AnnouncementNotRetryable
from announcements.models import Announcement
from announcements.services import announcement_retry

RETRYABLE = {Announcement.Status.FAILED, Announcement.Status.SKIPPED}


class AnnouncementPermissionPolicy(SuperuserOnlyPolicy):
    """Superusers read announcements and retry them; nobody writes one by hand
    (only publishing does), and no group can be given more."""

    actions = {"view", "retry"}


# Registered before the viewset asks for one, which would make a fallback policy.
register_permission_policy(Announcement, AnnouncementPermissionPolicy(Announcement))


class AnnouncementIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
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
        ]


@hooks.register("register_admin_viewset")
def register_announcement_viewset():
    return AnnouncementViewSet("announcement")
