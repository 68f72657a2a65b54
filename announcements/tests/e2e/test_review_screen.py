"""An admin reviews an untrusted vendor's announcement in Chromium: the
Announcements list shows it as to review, its menu leads to Approve, the confirm
screen shows what will be posted, and approving posts it to X (faked at HTTP)."""

import pytest

from announcements.models import Announcement
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_approves_a_vendors_announcement(
    live_server,
    page_in_browser,
    log_in_with_cookie,
    admin_user,
    store_index,
    untrusted_vendor,
    x_accepts,
):
    waiting = StorePageFactory(
        vendor=untrusted_vendor,
        title="Kiln Studio",
        description="Stoneware from @kilnstudio, see kiln.example",
    )
    rejected = StorePageFactory(vendor=untrusted_vendor, title="Spam Shack")
    tab = page_in_browser
    log_in_with_cookie(admin_user)

    tab.goto(f"{live_server.url}/admin/")
    tab.get_by_role("link", name="X announcements").click()
    tab.wait_for_url("**/admin/announcement/")
    row = tab.locator("tbody tr", has_text="Kiln Studio")
    listed_status = row.inner_text()
    row.get_by_role("button", name="More options").click()
    row.get_by_role("link", name="Approve").click()
    tab.wait_for_url("**/admin/announcement/approve/*/")
    shown = tab.inner_text("[data-announcement-text]")
    tab.get_by_role("button", name="Yes, approve and post it").click()
    tab.wait_for_selector(".messages .success")
    sent_row = tab.locator("tbody tr", has_text="Kiln Studio").inner_text()

    other = tab.locator("tbody tr", has_text="Spam Shack")
    other.get_by_role("button", name="More options").click()
    other.get_by_role("link", name="Reject").click()
    tab.get_by_role("button", name="Yes, reject it").click()
    tab.wait_for_selector(".messages .success")

    assert "To review" in listed_status
    assert "@" not in shown and "kiln.example" not in shown
    assert shown.endswith(waiting.get_full_url())
    assert "Sent" in sent_row
    announcement = Announcement.objects.get(page=waiting)
    assert announcement.status == Announcement.Status.SENT
    assert announcement.reviewed_by == admin_user
    assert len(x_accepts.calls) == 1
    assert Announcement.objects.get(page=rejected).status == (
        Announcement.Status.REJECTED
    )
    assert "Rejected" in tab.locator("tbody tr", has_text="Spam Shack").inner_text()
