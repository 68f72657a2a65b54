import re

import yaml
from django.core.management import call_command

PATHS = [
    "/api/auth/register/",
    "/api/auth/login/",
    "/api/auth/refresh/",
    "/api/auth/logout/",
    "/api/auth/me/",
    "/api/stores/",
    "/api/stores/{id}/",
    "/api/stores/{id}/products/",
    "/api/products/",
    "/api/products/{id}/",
    "/api/vendors/",
    "/api/vendors/{id}/",
    "/api/vendors/me/stores/",
    "/api/vendors/me/products/",
    "/api/cart/",
    "/api/cart/items/",
    "/api/cart/items/{id}/",
    "/api/orders/",
    "/api/orders/{id}/",
    "/api/orders/{id}/cancel/",
    "/api/vendor/orders/",
    "/api/vendor/orders/{id}/",
]


def test_the_schema_describes_every_endpoint_with_its_errors(client, db):
    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    assert set(PATHS) <= set(schema["paths"])
    assert all(path.startswith("/api/") for path in schema["paths"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "429" in codes, (path, method)
            assert codes & {"200", "201", "204", "205"}, (path, method)
    assert "jwtAuth" in schema["components"]["securitySchemes"]


def test_the_schema_validates_without_warnings(tmp_path, db):
    output = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))

    assert yaml.safe_load(output.read_text())["openapi"].startswith("3.")


def test_the_docs_page_uses_the_bundled_swagger_ui(client, db):
    response = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    )
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "<script>" not in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert (
        client.get(
            "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
        ).status_code
        == 200
    )
