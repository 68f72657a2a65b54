"""Review moderation in the Wagtail admin, for superusers only: every review,
the most reported first; hide or restore one; see who reported what."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
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
from reviews.models import Review
from reviews.selectors import reports_of, reviews_for_moderation
from reviews.services import review_hide, review_restore


class ReviewPermissionPolicy(SuperuserOnlyPolicy):
    """Superusers read and moderate reviews; nobody else, whatever their groups."""

    actions = {"view", "moderate"}


register_permission_policy(Review, ReviewPermissionPolicy(Review))


def _moderation_action(review: Review) -> tuple[str, str, str]:
    """(label, url, icon) of what a moderator may do to the review now."""
    if review.is_hidden:
        return "Restore", reverse("review:restore", args=[review.pk]), "view"
    return "Hide", reverse("review:hide", args=[review.pk]), "no-view"


class ReviewIndexView(IndexView):
    def get_base_queryset(self):
        return reviews_for_moderation()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("moderate"):
            label, url, icon = _moderation_action(instance)
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=15))
        return buttons


class ReviewInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(reviews_for_moderation(), pk=self.pk)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("moderate"):
            label, url, icon = _moderation_action(self.object)
            buttons.append(Button(label, url=url, icon_name=icon, priority=15))
        return buttons

    def get_field_label(self, field_name, field):
        if field_name == "reports":
            return "Reports"
        return super().get_field_label(field_name, field)

    def get_reports_display_value(self):
        reports = reports_of(review=self.object)
        if not reports:
            return "None"
        items = format_html_join(
            "",
            "<li><strong>{}</strong> ({}), {}: {}</li>",
            (
                (
                    report.reporter.username if report.reporter else "–",
                    report.created_at.strftime("%Y-%m-%d %H:%M"),
                    report.get_reason_display(),
                    report.details or "no details",
                )
                for report in reports
            ),
        )
        return format_html("<ul>{}</ul>", items)


class ReviewModerateView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Asks for confirmation (GET), then hides or restores the review (POST)."""

    model = Review
    permission_required = "moderate"
    template_name = "reviews/admin/confirm_moderation.html"
    header_icon = "warning"
    hide = True

    @property
    def page_title(self):
        return "Hide review" if self.hide else "Restore review"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Review.objects.select_related("product", "user"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object.product.title)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review=self.object,
            hide=self.hide,
            is_possible=self.object.is_hidden != self.hide,
            index_url=reverse("review:index"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.hide:
            review_hide(review=self.object, actor=request.user)
            messages.success(request, "The review is hidden from the product page.")
        else:
            review_restore(review=self.object, actor=request.user)
            messages.success(request, "The review is shown again.")
        return redirect("review:index")


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "comment"
    menu_label = "Reviews"
    add_to_admin_menu = True
    menu_order = 800
    index_view_class = ReviewIndexView
    inspect_view_class = ReviewInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        # The first column is the title, with the links and the action menu.
        "product",
        "user",
        "rating",
        Column(
            "comment",
            label="Comment",
            accessor=lambda review: truncatechars(review.comment, 80),
        ),
        Column("report_count", label="Reports"),
        BooleanColumn("is_hidden", label="Hidden"),
        BooleanColumn("is_verified", label="Verified"),
        "created_at",
    ]
    list_filter = ["is_hidden", "is_verified", "rating"]
    search_fields = ["comment", "user__username", "product__title"]
    search_backend_name = None
    inspect_view_fields = [
        "product",
        "user",
        "rating",
        "comment",
        "is_verified",
        "is_hidden",
        "hidden_at",
        "created_at",
        "updated_at",
        "reports",
    ]

    def get_permissions_to_register(self):
        # The policy looks at is_superuser only: group permissions would do nothing.
        return Permission.objects.none()

    def get_urlpatterns(self):
        # Reviews are written on the site; here they are only read and moderated.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("hide/<int:pk>/", ReviewModerateView.as_view(hide=True), name="hide"),
            path(
                "restore/<int:pk>/",
                ReviewModerateView.as_view(hide=False),
                name="restore",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet("review")
