import logging
import os
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from announcements.exceptions import (
    AnnouncementNotRetryable,
    AnnouncementNotReviewable,
    XPermanentError,
    XTemporaryError,
)
from announcements.models import Announcement
from announcements.review import announcement_needs_review
from announcements.text import product_announcement_text, store_announcement_text
from announcements.x_client import CREDENTIAL_SETTINGS, XClient, x_credentials
from vendors.models import ProductPage, StorePage
from vendors.selectors import products_visible, stores_visible
from vendors.templatetags.money_tags import money

logger = logging.getLogger(__name__)

# While a worker posts an announcement no other worker may take it; should the
# worker die half-way, the announcement is due again once the lease runs out.
SEND_LEASE = timedelta(minutes=5)
# X takes JPEG, PNG, GIF and WebP pictures of up to 5 MB; originals may be AVIF
# or larger.
IMAGE_FILTER = "max-2048x2048|format-jpeg"
NOT_CONFIGURED = f"X credentials are not configured ({', '.join(CREDENTIAL_SETTINGS)})."
PAGE_GONE = "The page was unpublished, hidden or deleted before it was announced."


def _is_public(page: Page) -> bool:
    """A live store or product that anyone can see: an active store, no view
    restriction. Aliases are left out: their original is announced."""
    if page.alias_of_id is not None:
        return False
    if isinstance(page, StorePage):
        return stores_visible().filter(pk=page.pk).exists()
    if isinstance(page, ProductPage):
        return products_visible().filter(pk=page.pk).exists()
    return False


def _announcement_text(*, page: Page, url: str) -> str:
    if isinstance(page, StorePage):
        return store_announcement_text(
            name=page.title, description=page.description, url=url
        )
    return product_announcement_text(
        name=page.title, price=money(page.price), store=page.store.title, url=url
    )


def announcement_queue_for_page(*, page: Page) -> Announcement | None:
    """Record the announcement of a store or product the first time it is
    published for everyone to see, and send it once that publish commits.

    A page published while hidden (inactive store, view restriction, scheduled)
    is announced at its first publish once visible. A store's publish also
    announces its live products never announced: those published while the
    store was a draft or inactive. Later publishes and edits announce nothing.
    An untrusted vendor's store or product (announcements.review) is recorded
    as to review and waits for an admin. Without X credentials the announcement
    is recorded as skipped. Returns the
    page's new announcement, or None when it needs none.
    """
    page = page.specific
    announcement = _announcement_queue(page=page)
    if isinstance(page, StorePage):
        announcements_queue_for_store_products(store=page)
    return announcement


def announcements_queue_for_store_products(*, store: StorePage) -> list[Announcement]:
    """Announce the store's visible products that no announcement covers yet,
    oldest first; returns the new announcements."""
    products = (
        products_visible()
        .filter(store=store, alias_of__isnull=True)
        .exclude(
            pk__in=Announcement.objects.filter(page__isnull=False).values("page_id")
        )
        .select_related("store")
        .order_by("created_at", "pk")
    )
    queued = (_announcement_queue(page=product) for product in products)
    return [announcement for announcement in queued if announcement is not None]


def _announcement_queue(*, page: Page) -> Announcement | None:
    if not _is_public(page) or Announcement.objects.filter(page=page).exists():
        return None
    url = page.get_full_url()
    if not url:
        logger.warning("Page %s has no site, so no address to announce.", page.pk)
        return None
    if announcement_needs_review(page=page):
        state = {"status": Announcement.Status.REVIEW}
    else:
        state = _outgoing_state()
    announcement = Announcement(
        page=page,
        kind=(
            Announcement.Kind.STORE
            if isinstance(page, StorePage)
            else Announcement.Kind.PRODUCT
        ),
        title=page.title,
        url=url,
        text=_announcement_text(page=page, url=url),
        **state,
    )
    announcement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            announcement.save()
    except IntegrityError:
        # A concurrent publish of the same page recorded it first.
        return None
    if announcement.status == Announcement.Status.PENDING:
        _announcement_enqueue_on_commit(announcement_id=announcement.pk)
    return announcement


def _outgoing_state() -> dict:
    """An announcement cleared to go: due now, or skipped without X credentials."""
    if x_credentials() is None:
        return {
            "status": Announcement.Status.SKIPPED,
            "last_error": NOT_CONFIGURED,
            "next_attempt_at": None,
        }
    return {
        "status": Announcement.Status.PENDING,
        "last_error": "",
        "next_attempt_at": timezone.now(),
    }


def announcement_approve(*, announcement: Announcement, user) -> Announcement:
    """Let an announcement that waits for review go to X (skipped when X is not
    configured). The page is checked again when it is sent: one unpublished
    meanwhile is skipped."""
    return _announcement_review(
        announcement=announcement, user=user, changes=_outgoing_state()
    )


def announcement_reject(*, announcement: Announcement, user) -> Announcement:
    """Never post an announcement that waits for review."""
    return _announcement_review(
        announcement=announcement,
        user=user,
        changes={"status": Announcement.Status.REJECTED},
    )


def _announcement_review(
    *, announcement: Announcement, user, changes: dict
) -> Announcement:
    now = timezone.now()
    # Conditional, so two admins deciding at once cannot both act.
    updated = Announcement.objects.filter(
        pk=announcement.pk, status=Announcement.Status.REVIEW
    ).update(**changes, reviewed_by=user, reviewed_at=now, updated_at=now)
    announcement.refresh_from_db()
    if not updated:
        raise AnnouncementNotReviewable(status=announcement.get_status_display())
    if announcement.status == Announcement.Status.PENDING:
        _announcement_enqueue_on_commit(announcement_id=announcement.pk)
    return announcement


def announcement_retry(*, announcement: Announcement) -> Announcement:
    """Send a failed or skipped announcement again, with a fresh count of attempts."""
    retryable = [Announcement.Status.FAILED, Announcement.Status.SKIPPED]
    updated = Announcement.objects.filter(
        pk=announcement.pk, status__in=retryable
    ).update(
        status=Announcement.Status.PENDING,
        attempts=0,
        last_error="",
        # X forgets an uploaded picture that no post used within a day.
        media_id="",
        next_attempt_at=timezone.now(),
        updated_at=timezone.now(),
    )
    announcement.refresh_from_db()
    if not updated:
        raise AnnouncementNotRetryable(status=announcement.get_status_display())
    _announcement_enqueue_on_commit(announcement_id=announcement.pk)
    return announcement


def announcements_enqueue_due() -> int:
    """Enqueue every pending announcement whose time has come; returns how many.

    Catches what the task queue lost (a crash between the commit and the enqueue,
    a flushed Redis) and the retries of a backend that cannot defer a task.
    """
    due = list(
        Announcement.objects.filter(
            status=Announcement.Status.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    for announcement_id in due:
        _announcement_enqueue(announcement_id=announcement_id)
    return len(due)


def announcement_send(*, announcement_id: int) -> Announcement | None:
    """Post a due announcement to X and record how it went.

    Network errors, rate limits and X's server errors are retried with
    exponential backoff up to settings.X_MAX_ATTEMPTS; any other refusal fails
    at once. Returns None, doing nothing, when the announcement is not due:
    already sent, failed or skipped, not yet time, or taken by another worker.
    """
    announcement = _announcement_claim(announcement_id=announcement_id)
    if announcement is None:
        return None
    credentials = x_credentials()
    if credentials is None:
        return _announcement_finish(
            announcement, status=Announcement.Status.SKIPPED, last_error=NOT_CONFIGURED
        )
    page = announcement.page.specific if announcement.page else None
    if page is None or not _is_public(page):
        return _announcement_finish(
            announcement, status=Announcement.Status.SKIPPED, last_error=PAGE_GONE
        )
    try:
        tweet_id = _announcement_post(
            announcement, client=XClient(credentials), page=page
        )
    except XPermanentError as error:
        return _announcement_finish(
            announcement, status=Announcement.Status.FAILED, last_error=str(error)
        )
    except XTemporaryError as error:
        return _announcement_retry_later(
            announcement, error=str(error), retry_at=error.retry_at
        )
    except Exception as error:
        # A bug or a broken picture file must not leave it pending forever.
        logger.exception("Announcement %s could not be sent.", announcement.pk)
        return _announcement_retry_later(announcement, error=repr(error))
    return _announcement_finish(
        announcement,
        status=Announcement.Status.SENT,
        tweet_id=tweet_id,
        sent_at=timezone.now(),
    )


def _announcement_claim(*, announcement_id: int) -> Announcement | None:
    """Take a due announcement for this worker, counting the attempt.

    One conditional UPDATE, so of two workers only one can win, on any database.
    """
    now = timezone.now()
    claimed = Announcement.objects.filter(
        pk=announcement_id,
        status=Announcement.Status.PENDING,
        next_attempt_at__lte=now,
    ).update(
        attempts=F("attempts") + 1, next_attempt_at=now + SEND_LEASE, updated_at=now
    )
    if not claimed:
        return None
    return Announcement.objects.select_related("page").get(pk=announcement_id)


def _announcement_post(
    announcement: Announcement, *, client: XClient, page: Page
) -> str:
    image = getattr(page, "image", None)
    if image is not None and not announcement.media_id:
        rendition = image.get_rendition(IMAGE_FILTER)
        with rendition.file.open("rb") as file:
            announcement.media_id = client.media_upload(
                filename=os.path.basename(rendition.file.name), file=file
            )
        announcement.save(update_fields=["media_id", "updated_at"])
    media_ids = [announcement.media_id] if announcement.media_id else []
    return client.tweet_create(text=announcement.text, media_ids=media_ids)


def _announcement_finish(announcement: Announcement, **changes) -> Announcement:
    changes = {"next_attempt_at": None, **changes}
    for field, value in changes.items():
        setattr(announcement, field, value)
    # Only these fields: the page may have been deleted meanwhile.
    announcement.save(update_fields=[*changes, "updated_at"])
    return announcement


def _announcement_retry_later(
    announcement: Announcement, *, error: str, retry_at: datetime | None = None
) -> Announcement:
    if announcement.attempts >= settings.X_MAX_ATTEMPTS:
        return _announcement_finish(
            announcement,
            status=Announcement.Status.FAILED,
            last_error=f"{error} (gave up after {announcement.attempts} attempts)",
        )
    delay = settings.X_RETRY_BASE_SECONDS * 2 ** (announcement.attempts - 1)
    next_attempt_at = timezone.now() + timedelta(seconds=delay)
    if retry_at is not None:
        next_attempt_at = max(next_attempt_at, retry_at)
    announcement.last_error = error
    announcement.next_attempt_at = next_attempt_at
    announcement.save(update_fields=["last_error", "next_attempt_at", "updated_at"])
    _announcement_enqueue_on_commit(
        announcement_id=announcement.pk, run_after=next_attempt_at
    )
    return announcement


def _announcement_enqueue(
    *, announcement_id: int, run_after: datetime | None = None
) -> None:
    # The task module imports this one.
    from announcements.tasks import announcement_send_task

    task = announcement_send_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            # Such a backend (the immediate one) would send at once; leave the
            # retry to `manage.py announcements_enqueue_due`.
            return
        task = task.using(run_after=run_after)
    task.enqueue(announcement_id)


def _announcement_enqueue_on_commit(
    *, announcement_id: int, run_after: datetime | None = None
) -> None:
    def enqueue():
        _announcement_enqueue(announcement_id=announcement_id, run_after=run_after)

    # robust: a queue that is down must not turn a saved publish into an error;
    # the announcement stays pending for `announcements_enqueue_due`.
    transaction.on_commit(enqueue, robust=True)
