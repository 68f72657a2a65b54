import pytest
from django.urls import reverse
from wagtail.models import Page


@pytest.mark.parametrize(
    "extra",
    [{}, {"body-count": "x"}, {"body-count": "2"}],
    ids=["no-count", "junk-count", "count-without-blocks"],
)
def test_a_malformed_page_edit_post_is_a_400_and_changes_nothing(
    admin_client, home_page, extra
):
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])

    response = admin_client.post(url, {"title": "Hijacked", "slug": "home", **extra})

    assert response.status_code == 400
    assert Page.objects.get(pk=home_page.pk).title == home_page.title


def test_a_malformed_store_edit_post_is_a_400(admin_client, store):
    url = reverse("wagtailadmin_pages:edit", args=[store.pk])

    response = admin_client.post(url, {"title": "Hijacked", "slug": store.slug})

    assert response.status_code == 400
    assert Page.objects.get(pk=store.pk).title == store.title
