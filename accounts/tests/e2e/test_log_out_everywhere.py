"""A user logs out everywhere from the profile page, in Chromium."""

import pytest

from accounts.models import User

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_log_out_everywhere_from_the_profile_page(
    live_server, page_in_browser, log_in_through_form, buyer
):
    tab = page_in_browser
    log_in_through_form(buyer, next_url="/account/profile/")

    tab.get_by_role("button", name="Log out everywhere").click()
    tab.wait_for_url(f"{live_server.url}/accounts/login/")

    assert "You were logged out on every device." in tab.inner_text("main")
    assert User.objects.get(pk=buyer.pk).token_generation == 1
    tab.goto(f"{live_server.url}/account/profile/")
    assert tab.url.startswith(f"{live_server.url}/accounts/login/")
