import pytest
from freezegun import freeze_time

from accounts.tests.factories import UserFactory
from alerts.models import Alert
from alerts.tests.factories import price_set
from api.tests.conftest import bearer
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_client, buyer):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))
    return api_client


def test_create_list_and_cancel(client, product):
    made = client.post(
        "/api/alerts/",
        {"product": product.pk, "kind": "price_drop", "target_price": "8.00"},
        format="json",
    )
    again = client.post(
        "/api/alerts/",
        {"product": product.pk, "kind": "price_drop", "target_price": "8.00"},
        format="json",
    )

    assert (made.status_code, again.status_code) == (201, 200)
    body = made.json()
    assert body["kind"] == "price_drop"
    assert body["target_price"] == "8.00"
    assert body["status"] == "active"
    assert body["fired_at"] is None
    assert again.json()["id"] == body["id"]
    assert client.get("/api/alerts/?status=active").json()["count"] == 1

    assert client.delete(f"/api/alerts/{body['id']}/").status_code == 204
    assert client.get("/api/alerts/?status=cancelled").json()["count"] == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "back_in_stock"},  # in stock now
        {"kind": "price_drop", "target_price": "10.00"},
        {"kind": "price_drop", "target_price": "0"},
        {"kind": "price_drop", "target_price": "-3"},
        {"kind": "soon"},
    ],
)
def test_refusals_are_400(client, product, payload):
    response = client.post(
        "/api/alerts/", {"product": product.pk, **payload}, format="json"
    )

    assert response.status_code == 400
    assert Alert.objects.count() == 0


def test_a_status_filter_that_is_no_status_is_400(client):
    assert client.get("/api/alerts/?status=nope").status_code == 400


def test_someone_elses_alert_is_404(client, product):
    other = Alert.objects.create(
        user=UserFactory(), product=product, kind="price_drop", reference_price=10
    )

    assert client.delete(f"/api/alerts/{other.pk}/").status_code == 404
    assert client.delete("/api/alerts/abc/").status_code == 404


def test_back_in_stock_on_a_sold_out_product(client, store):
    sold_out = ProductPageFactory(store=store, stock_quantity=0)

    response = client.post(
        "/api/alerts/", {"product": sold_out.pk, "kind": "back_in_stock"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["target_price"] is None


def test_products_carry_lowest_price_30_days(api_client, store):
    with freeze_time("2026-03-01 10:00:00+00:00") as clock:
        product = ProductPageFactory(store=store, price="20.00")
        clock.tick(86400 * 3)
        price_set(product=product, price="15.00")

        detail = api_client.get(f"/api/products/{product.pk}/").json()
        listed = api_client.get("/api/products/").json()["results"][0]

        assert detail["lowest_price_30_days"] == "20.00"
        assert listed["lowest_price_30_days"] == "20.00"

        clock.tick(86400 * 31)
        # The page cache keeps answers a while; a fresh one says null.
        from django.core.cache import cache

        cache.clear()
        assert (
            api_client.get(f"/api/products/{product.pk}/").json()[
                "lowest_price_30_days"
            ]
            is None
        )


def test_the_product_list_query_count_does_not_grow_with_rows(
    api_client, store, django_assert_max_num_queries
):
    from django.core.cache import cache

    ProductPageFactory.create_batch(2, store=store)
    cache.clear()
    with django_assert_max_num_queries(12) as few:
        api_client.get("/api/products/?page_size=100")
    ProductPageFactory.create_batch(6, store=store)
    cache.clear()

    with django_assert_max_num_queries(len(few)):
        response = api_client.get("/api/products/?page_size=100")

    assert response.json()["count"] == 8
