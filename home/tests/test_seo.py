"""What search engines and social networks read (home.seo)."""

import json
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from wagtail.models import Site

from vendors.models import ProductPage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

pytestmark = pytest.mark.django_db
SITE = "http://testserver"  # SITE_URL in the test settings


@pytest.fixture(autouse=True)
def _site_at_site_url(site):
    # As seed_demo leaves it: Wagtail's default Site at SITE_URL's host.
    site.hostname, site.port = "testserver", 80
    site.save()
    Site.clear_site_root_paths_cache()


def _json_ld(content: str) -> dict[str, dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    )
    return {data["@type"]: data for data in map(json.loads, blocks)}


def _meta(content: str, key: str) -> str | None:
    found = re.search(
        rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', content
    )
    return found.group(1) if found else None


@pytest.fixture
def mug(store):
    product = ProductPageFactory(
        store=store,
        title='Speckled "stoneware" mug </script>',
        summary="A hand-thrown mug with a speckled glaze.",
        price=Decimal("18.50"),
        sku="MUG-1",
        stock_quantity=4,
        image=ImageFactory(),
    )
    ProductPage.objects.filter(pk=product.pk).update(
        rating_average=Decimal("4.25"), rating_count=8
    )
    product.refresh_from_db()
    return product


def test_a_product_page_describes_the_product_as_json_ld(client, mug, store):
    content = client.get(mug.url).content.decode()

    data = _json_ld(content)
    product, offer = data["Product"], data["Product"]["offers"]
    assert product["name"] == mug.title
    assert product["description"] == mug.summary
    assert product["sku"] == "MUG-1"
    assert product["url"] == f"{SITE}{mug.url}"
    assert product["brand"]["name"] == store.title
    assert product["image"][0].startswith(f"{SITE}/media/images/")
    assert (offer["price"], offer["priceCurrency"]) == ("18.50", "USD")
    assert offer["availability"] == "https://schema.org/InStock"
    assert product["aggregateRating"]["ratingValue"] == "4.25"
    assert product["aggregateRating"]["reviewCount"] == 8
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs][-2:] == [store.title, mug.title]
    assert crumbs[-1]["item"] == f"{SITE}{mug.url}"
    # The title's "</script>" cannot end the data block early.
    assert '</script>"' not in content and "\\u003C/script\\u003E" in content


def test_unrated_and_sold_out_products_say_so(client, store):
    product = ProductPageFactory(store=store, stock_quantity=0)

    data = _json_ld(client.get(product.url).content.decode())

    assert "aggregateRating" not in data["Product"]
    assert data["Product"]["offers"]["availability"] == (
        "https://schema.org/OutOfStock"
    )


def test_a_product_page_has_a_description_canonical_and_sharing_cards(client, mug):
    content = client.get(f"{mug.url}?utm_source=x").content.decode()

    assert _meta(content, "description") == mug.summary
    assert f'<link rel="canonical" href="{SITE}{mug.url}">' in content
    assert _meta(content, "og:type") == "product"
    assert _meta(content, "og:image").startswith(f"{SITE}/media/images/")
    assert _meta(content, "og:image:width").isdigit()  # 1200 unless smaller
    assert _meta(content, "twitter:card") == "summary_large_image"
    assert '<link rel="manifest"' in content


def test_a_store_page_is_a_store(client, store):
    store.email = "hello@kiln.example"
    store.save_revision().publish()

    data = _json_ld(client.get(store.url).content.decode())

    assert data["Store"]["name"] == store.title
    assert data["Store"]["email"] == "hello@kiln.example"
    assert data["Store"]["description"] == store.description


def test_the_home_page_names_the_organization_and_its_search(client, home_page):
    data = _json_ld(client.get("/").content.decode())

    assert data["Organization"]["name"] == "Wagtail Marketplace"
    assert data["WebSite"]["potentialAction"]["target"].endswith("/search/?q={query}")


def test_every_page_has_a_description(client, store):
    for url in ["/", store.url, reverse("vendors:catalogue"), "/stores/"]:
        content = client.get(url).content.decode()
        assert _meta(content, "description"), url


def test_the_sitemap_lists_public_pages_only(client, mug, store, vendor):
    closed = StorePageFactory(title="Closed shop")
    hidden = ProductPageFactory(store=closed, title="Hidden thing")
    closed.is_active = False
    closed.save_revision().publish()
    draft = ProductPageFactory(store=store, title="Draft thing", publish=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        node.text
        for node in ElementTree.fromstring(response.content).findall(  # noqa: S314
            "s:url/s:loc", namespace
        )
    ]
    assert f"{SITE}{mug.url}" in locations
    assert f"{SITE}{store.url}" in locations
    assert f"{SITE}/" in locations
    assert f"{SITE}/catalogue/" in locations
    assert not any("hidden-thing" in url or "closed-shop" in url for url in locations)
    assert draft.slug not in " ".join(locations)
    assert hidden.pk


def test_robots_txt_points_at_the_sitemap(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8006"

    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8006/sitemap.xml" in text
    assert "Disallow: /checkout/" in text
    assert "Disallow: /admin/" in text


def test_a_missing_page_names_no_canonical_address_and_is_not_indexed(client):
    response = client.get("/no-such-page/<script>/")

    assert response.status_code == 404
    content = response.content.decode()
    assert 'rel="canonical"' not in content
    assert "og:url" not in content
    assert '<meta name="robots" content="noindex">' in content
