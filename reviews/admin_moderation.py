"""Review moderation in the Wagtail admin, for superusers only: every review,
the most reported first; hide or restore one with a button; see who reported
what."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import (
    IndexView,
    InspectView,
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.permission_policies import SuperuserOnlyPolicy
from reviews import admin_display as display
from reviews.models import Review
from reviews.selectors import reports_of, reviews_for_moderation
from reviews.services import review_hide, review_restore


class ReviewPermissionPolicy(SuperuserOnlyPolicy):
    """Superusers read and moderate reviews; nobody else, whatever their groups."""

    actions = {"view", "moderate"}


def moderation_button(review: Review, *, next_url: str) -> dict:
    """What the Hide/Restore button template needs for this review."""
    name = "restore" if review.is_hidden else "hide"
    return {
        "label": "Restore" if review.is_hidden else "Hide",
        "url": reverse(f"review:{name}", args=[review.pk]),
        "next_url": next_url,
        "review": review,
    }


class ModerationColumn(Column):
    """A visible Hide or Restore button (a POST form) on each row."""

    cell_template_name = "reviews/admin/moderation_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        # The listing is also re-rendered at its results URL (search, filters):
        # come back to the full listing with the same query.
        query = request.GET.urlencode()
        next_url = reverse("review:index") + (f"?{query}" if query else "")
        context.update(
            moderation_button(instance, next_url=next_url),
            # The table hands its cells only the request, not the page's context.
            csrf_token=get_token(request),
        )
        return context


class ReviewIndexView(IndexView):
    def get_base_queryset(self):
        return reviews_for_moderation()


class ReviewInspectView(InspectView):
    template_name = "reviews/admin/review_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            reviews_for_moderation().select_related("reply"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.user_has_permission("moderate"):
            context["moderation"] = moderation_button(
                self.object, next_url=self.request.get_full_path()
            )
        return context

    def get_field_label(self, field_name, field):
        labels = {
            "user": "Author",
            "is_verified": "Purchase",
            "is_hidden": "Status",
            "created_at": "Written",
            "updated_at": "Last edited",
            "reply": "Vendor's reply",
            "reports": "Reports",
        }
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_product_display_value(self):
        return display.product_link(self.object)

    def get_user_display_value(self):
        return display.person_link(self.object.user)

    def get_rating_display_value(self):
        return display.stars_display(self.object.rating)

    def get_comment_display_value(self):
        return display.text_display(self.object.comment)

    def get_is_verified_display_value(self):
        return display.verified_display(self.object)

    def get_is_hidden_display_value(self):
        return display.visibility_display(self.object)

    def get_hidden_at_display_value(self):
        return display.datetime_display(self.object.hidden_at)

    def get_created_at_display_value(self):
        return display.datetime_display(self.object.created_at)

    def get_updated_at_display_value(self):
        return display.datetime_display(self.object.updated_at)

    def get_reply_display_value(self):
        reply = getattr(self.object, "reply", None)
        return display.text_display(reply.text) if reply else display.EMPTY

    def get_reports_display_value(self):
        reports = reports_of(review=self.object)
        if not reports:
            return "No reports"
        items = format_html_join(
            "",
            "<li><strong>{}</strong> ({}), {}: {}</li>",
            (
                (
                    display.person_display(report.reporter),
                    display.datetime_display(report.created_at),
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
    """Asks for confirmation (GET), then hides or restores the review (POST) and
    goes back to `next` (the listing or the review's screen)."""

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

    def _next_url(self) -> str:
        next_url = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return next_url
        return reverse("review:index")

    def post(self, request, *args, **kwargs):
        if self.object.is_hidden == self.hide:
            # A second click, or two moderators at once: nothing to change.
            state = "hidden" if self.hide else "shown"
            messages.info(request, f"The review was already {state}.")
        elif self.hide:
            review_hide(review=self.object, actor=request.user)
            messages.success(request, "The review is hidden from the product page.")
        else:
            review_restore(review=self.object, actor=request.user)
            messages.success(request, "The review is shown again.")
        return redirect(self._next_url())


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
        # The first column is the title, linking to the review's screen.
        "product",
        Column("store", label="Store", accessor=lambda r: r.product.store.title),
        Column(
            "user", label="Author", accessor=lambda r: display.person_display(r.user)
        ),
        Column(
            "rating",
            label="Rating",
            accessor=lambda r: display.stars_display(r.rating),
            sort_key="rating",
        ),
        Column(
            "comment",
            label="Comment",
            accessor=lambda r: truncatechars(display.text_display(r.comment), 80),
        ),
        Column("report_count", label="Reports", sort_key="report_count"),
        StatusTagColumn(
            "is_hidden",
            label="Status",
            accessor=display.visibility_display,
            primary=lambda r: not r.is_hidden,
        ),
        Column("is_verified", label="Purchase", accessor=display.verified_display),
        DateColumn("created_at", label="Written", sort_key="created_at"),
        ModerationColumn("moderation", label="Moderation"),
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
        "reply",
        "reports",
    ]

    def get_permissions_to_register(self):
        # The policy asks accounts.roles only: group permissions would do nothing.
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
