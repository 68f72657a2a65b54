from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from accounts.models import User
from home.demo import DEMO_PASSWORD, DEMO_USERS
from home.models import HomePage


@pytest.mark.django_db
def test_home_page_is_the_site_root_and_renders_its_hero(client, home_page):
    home_page.hero_title = "Makers & <friends>"
    home_page.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Makers &amp; &lt;friends&gt;" in content
    assert 'href="/accounts/login/"' in content
    assert isinstance(home_page, HomePage)


@pytest.mark.django_db
def test_header_shows_the_signed_in_user_and_a_logout_form(buyer_client, buyer):
    # The home page is cached: the visitor's menu comes from /session-state/.
    content = buyer_client.get("/session-state/").json()["user_menu_html"]

    assert buyer.username in content
    assert 'action="/accounts/logout/"' in content
    assert "Dashboard" not in content


@pytest.mark.django_db
def test_vendor_sees_the_dashboard_link(vendor_client):
    state = vendor_client.get("/session-state/").json()
    assert "Dashboard" in state["user_menu_html"]


@pytest.mark.django_db
def test_home_page_cannot_be_created_twice(home_page):
    assert not HomePage.can_create_at(home_page.get_parent())


@pytest.mark.django_db
def test_security_headers_are_sent(client, home_page):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_its_logins_work(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), HomePage.objects.count())

    call_command("seed_demo", stdout=StringIO())

    assert (User.objects.count(), HomePage.objects.count()) == counts
    assert counts == (len(DEMO_USERS), 1)
    for username, *_ in DEMO_USERS:
        response = client.post(
            "/accounts/login/", {"login": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        client.post("/accounts/logout/")
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="vendor1").has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_seed_demo_points_the_site_at_the_port_it_is_served_on(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8006"
    call_command("seed_demo", stdout=StringIO())
    from_setting = Site.objects.get(is_default_site=True).root_url

    call_command("seed_demo", site_port=8002, stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert from_setting == "http://127.0.0.1:8006"
    # The same host as SITE_URL: a link that opens "localhost" instead of
    # 127.0.0.1 would not carry the session cookie.
    assert site.root_url == "http://127.0.0.1:8002"


@pytest.mark.django_db
def test_the_api_and_emails_link_to_site_url(
    settings, client, buyer, django_capture_on_commit_callbacks
):
    from django.core import mail

    from shop.tests.factories import order_for
    from vendors.models import ProductPage

    settings.DEBUG = True
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8006"
    call_command("seed_demo", stdout=StringIO())
    product = ProductPage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(product, 1)])

    api = client.get(f"/api/products/{product.pk}/").json()

    assert api["url"] == f"http://127.0.0.1:8006{product.url}"
    to_buyer = [m for m in mail.outbox if m.to == [buyer.email]]
    assert f"http://127.0.0.1:8006/orders/{order.number}/" in to_buyer[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("port", [0, 70000])
def test_seed_demo_refuses_what_is_not_a_port(settings, port):
    from django.core.management.base import CommandError

    settings.DEBUG = True

    with pytest.raises(CommandError, match="not a TCP port"):
        call_command("seed_demo", site_port=port, stdout=StringIO())

    assert User.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")

    assert User.objects.count() == 0
