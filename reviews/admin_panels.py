from django.template.defaultfilters import truncatechars
from django.urls import reverse
from wagtail.admin.ui.components import Component

from reviews import admin_display as display
from reviews.admin_moderation import moderation_button
from reviews.selectors import reviews_awaiting_reply, reviews_reported

REPORTED_PANEL_LIMIT = 5
INBOX_PANEL_LIMIT = 3


class ReportedReviewsPanel(Component):
    """The head of the moderation queue, first on a moderator's dashboard."""

    name = "reported_reviews"
    order = 10
    template_name = "reviews/admin/reported_reviews_panel.html"

    def get_context_data(self, parent_context):
        reported = reviews_reported()
        return {
            "reviews": [
                {
                    "review": review,
                    "author": display.person_display(review.user),
                    "stars": display.stars_display(review.rating),
                    "comment": truncatechars(display.text_display(review.comment), 120),
                    "inspect_url": reverse("review:inspect", args=[review.pk]),
                    "moderation": moderation_button(
                        review, next_url=reverse("wagtailadmin_home")
                    ),
                }
                for review in reported[:REPORTED_PANEL_LIMIT]
            ],
            "heading": f"Reported reviews ({reported.count()})",
            "index_url": reverse("review:index"),
            "csrf_token": parent_context.get("csrf_token"),
        }


class ReviewInboxPanel(Component):
    """The newest reviews a vendor has not answered, above their sales."""

    name = "review_inbox"
    order = 30
    template_name = "reviews/admin/review_inbox_panel.html"

    def __init__(self, *, user):
        self.user = user

    def get_context_data(self, parent_context):
        waiting = reviews_awaiting_reply(user=self.user)
        return {
            "reviews": [
                {
                    "review": review,
                    "author": display.person_display(review.user),
                    "stars": display.stars_display(review.rating),
                    "comment": truncatechars(display.text_display(review.comment), 120),
                }
                for review in waiting[:INBOX_PANEL_LIMIT]
            ],
            "heading": f"Reviews waiting for your reply ({waiting.count()})",
            "inbox_url": reverse("review_inbox:index"),
        }
