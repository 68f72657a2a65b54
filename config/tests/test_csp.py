"""One Content-Security-Policy per area, and the endpoint its reports go to."""

import base64
import hashlib
import json
import re

import pytest

from config.csp import ADMIN_SCRIPT_SRC_ATTR, REPORTS_PER_MINUTE, stamp_nonce

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
VIOLATION = {
    "csp-report": {
        "document-uri": "http://testserver/admin/pages/3/edit/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://testserver/admin/pages/3/edit/",
        "line-number": 12,
    }
}


def script_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(
        part.strip() for part in policy.split(";") if part.split()[0] == "script-src"
    )


@pytest.mark.parametrize("path", ["/", "/stores/", "/accounts/login/", "/api/"])
def test_public_site_api_and_login_allow_no_inline_script(client, store, path):
    response = client.get(path)

    assert script_src(response) == "script-src 'self'"
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]


def test_admin_page_editor_runs_its_inline_scripts_by_nonce_only(vendor_client, store):
    response = vendor_client.get(f"/admin/pages/{store.pk}/edit/")

    assert response.status_code == 200
    nonce = re.fullmatch(r"script-src 'self' 'nonce-(\S+)'", script_src(response))[1]
    inline = INLINE_SCRIPT.findall(response.content.decode())
    # The logo and banner choosers and the scheduling date pickers among them.
    assert len(inline) >= 4
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert "unsafe-inline" not in script_src(response)


def test_admin_allows_no_inline_event_handler_but_the_croppers_inert_probe(
    vendor_client, store
):
    digest = base64.b64encode(hashlib.sha256(b"return;").digest()).decode()

    response = vendor_client.get("/admin/")

    assert ADMIN_SCRIPT_SRC_ATTR == ["'unsafe-hashes'", f"'sha256-{digest}'"]
    assert (
        f"script-src-attr 'unsafe-hashes' 'sha256-{digest}'"
        in (response["Content-Security-Policy"])
    )


def test_each_admin_response_gets_a_fresh_nonce(vendor_client, store):
    first = script_src(vendor_client.get("/admin/"))
    second = script_src(vendor_client.get("/admin/"))

    assert first != second


def test_admin_json_responses_are_left_as_they_are(vendor_client, store):
    response = vendor_client.get("/admin/images/chooser/")

    assert response["Content-Type"].startswith("application/json")
    assert b"nonce=" not in response.content


def test_stamp_nonce_marks_every_inline_and_external_script_once():
    html = (
        b'<script>a()</script><SCRIPT type="application/json">{}</SCRIPT>'
        b'<script src="/static/x.js"></script><script nonce="kept">b()</script>'
        b"<scripts>not a tag</scripts>"
    )

    stamped = stamp_nonce(html, "N0nce")

    assert stamped == (
        b'<script nonce="N0nce">a()</script>'
        b'<SCRIPT nonce="N0nce" type="application/json">{}</SCRIPT>'
        b'<script nonce="N0nce" src="/static/x.js"></script>'
        b'<script nonce="kept">b()</script><scripts>not a tag</scripts>'
    )


def test_csp_report_is_logged(client, caplog):
    response = client.post(
        "/csp-report/",
        data=json.dumps(VIOLATION),
        content_type="application/csp-report",
    )

    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "security.csp"]
    assert record.levelname == "WARNING"
    assert (
        "script-src-elem blocked inline on http://testserver/admin/pages/3/edit/"
        in (record.getMessage())
    )


def test_reporting_api_batch_is_logged(client, caplog):
    batch = [
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src"}},
        {"type": "deprecation", "body": {}},
    ]

    response = client.post(
        "/csp-report/", data=json.dumps(batch), content_type="application/reports+json"
    )

    assert response.status_code == 204
    assert [
        r.getMessage()[:22] for r in caplog.records if r.name == "security.csp"
    ] == ["CSP violation: img-src"]


@pytest.mark.parametrize(
    "body", ["not json", "{}", '{"csp-report": "x"}', "[1, 2]", "\udcff"]
)
def test_csp_report_refuses_what_is_not_a_report(client, caplog, body):
    response = client.post(
        "/csp-report/", data=body.encode("utf-8", "surrogatepass"), content_type="x"
    )

    assert response.status_code == 400
    assert b"Expected a CSP violation report" in response.content
    assert not [r for r in caplog.records if r.name == "security.csp"]


def test_csp_report_refuses_get_and_oversized_bodies(client):
    assert client.get("/csp-report/").status_code == 405
    huge = json.dumps({"csp-report": {"blocked-uri": "x" * 70_000}})
    assert client.post("/csp-report/", huge, content_type="x").status_code == 413


def test_csp_reports_are_limited_per_address(client, caplog):
    body = json.dumps(VIOLATION)
    statuses = [
        client.post("/csp-report/", body, content_type="x").status_code
        for _ in range(REPORTS_PER_MINUTE + 2)
    ]

    assert statuses.count(204) == REPORTS_PER_MINUTE
    assert statuses[-2:] == [429, 429]
    assert len([r for r in caplog.records if r.name == "security.csp"]) == (
        REPORTS_PER_MINUTE
    )
