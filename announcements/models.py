from django.conf import settings
from django.db import models
from django.utils import timezone


class Announcement(models.Model):
    """The post on X that announces a store or a product, and how sending it went.

    Written in the same transaction as the page's first public publish (an outbox),
    so it is never lost, and sent in the background by `announcements.tasks`.
    """

    class Kind(models.TextChoices):
        STORE = "store", "Store"
        PRODUCT = "product", "Product"

    class Status(models.TextChoices):
        # A vendor's content waits for an admin (announcements.review).
        REVIEW = "review", "To review"
        REJECTED = "rejected", "Rejected"
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
        help_text="The store or product announced; empty once the page is deleted.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(
        max_length=255, help_text="The page's title when it was announced."
    )
    url = models.URLField(
        "URL", max_length=500, help_text="The page's address when it was announced."
    )
    text = models.TextField(help_text="The post, as sent to X.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    tweet_id = models.CharField(
        "post id", max_length=32, blank=True, help_text="X's id of the post once sent."
    )
    media_id = models.CharField(
        max_length=32,
        blank=True,
        help_text="X's id of the uploaded picture, kept so a retry does not upload "
        "it again.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a pending announcement is next due to be sent.",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The admin who approved or rejected it.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page"], name="announcements_one_per_page")
        ]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="announcements_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
