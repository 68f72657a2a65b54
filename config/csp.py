"""The Content-Security-Policy per area of the site, and the endpoint its reports go to.

The public site, the API and the login pages run no inline script at all
(`script-src 'self'`). Wagtail 8's admin still writes a few inline scripts
(`new ImageChooser(...)` after every chooser widget, `initDateTimeChooser(...)` after
the date pickers, `new InlinePanel(...)` under galleries; wagtail#1288), and renders
them where no request is at hand, so its templates cannot carry a nonce themselves.
Under the admin, this middleware stamps the response's nonce on each `<script>` tag
the server rendered and allows that nonce only: the admin works, while injected
event handlers (`onerror=`), `javascript:` URLs and scripts added in the browser stay
blocked, which `'unsafe-inline'` would allow.
"""

import json
import logging
import re
from urllib.parse import urlsplit

from csp.constants import NONCE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.client_address import client_address

logger = logging.getLogger("security.csp")

# `<script` not followed, inside the same tag, by a nonce attribute of its own.
_SCRIPT_TAG = re.compile(rb"(<script)(?=[\s>])(?![^>]*\snonce=)", re.IGNORECASE)
ADMIN_SCRIPT_SRC = [SELF, NONCE]
# The image editor's cropper (jquery.Jcrop) probes for event support by setting
# `on…="return;"` attributes; allow that exact, inert handler and no other.
ADMIN_SCRIPT_SRC_ATTR = [
    "'unsafe-hashes'",
    "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",
]
REPORT_MAX_BYTES = 64 * 1024
REPORTS_PER_MINUTE = 60


def is_admin_area(path: str) -> bool:
    """The Wagtail admin, its previews and its choosers all live under its prefix."""
    return path.startswith(reverse("wagtailadmin_home"))


def stamp_nonce(html: bytes, nonce: str) -> bytes:
    attribute = b' nonce="' + nonce.encode("ascii") + b'"'
    return _SCRIPT_TAG.sub(lambda tag: tag[1] + attribute, html)


def media_origin() -> str | None:
    """The origin media URLs point at when it is not this site (an S3 bucket or
    its CDN, settings MEDIA_S3_BUCKET/MEDIA_S3_CUSTOM_DOMAIN, or an absolute
    MEDIA_URL): images and renditions load from there. Remembered per storage."""
    cached = getattr(default_storage, "_csp_media_origin", False)
    if cached is not False:
        return cached
    url = urlsplit(default_storage.url("csp-probe"))
    origin = f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else None
    default_storage._csp_media_origin = origin
    return origin


class AreaCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's script policy under the admin."""

    def process_response(self, request, response):
        if (
            is_admin_area(request.path_info)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response.content = stamp_nonce(response.content, str(request.csp_nonce))
            response._csp_admin_area = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        origin = media_origin()
        if origin:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), origin]
            parts.update = update
        if getattr(response, "_csp_admin_area", False) and not report_only:
            parts.replace = {
                **(parts.replace or {}),
                "script-src": ADMIN_SCRIPT_SRC,
                "script-src-attr": ADMIN_SCRIPT_SRC_ATTR,
            }
        return parts


def _violations(payload) -> list[dict]:
    """Both report formats: report-uri's `{"csp-report": {...}}` and the Reporting
    API's list of `{"type": "csp-violation", "body": {...}}`."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    return []


@csrf_exempt  # browsers post reports without a token, and they change nothing
@require_POST
def csp_report(request):
    """Log each violation a browser reports, so the next broken control is seen."""
    if len(request.body) > REPORT_MAX_BYTES:
        return HttpResponse("Report too large.", status=413, content_type="text/plain")
    key = f"csp-report:{client_address(request)}"
    cache.add(key, 0, timeout=60)
    if cache.incr(key) > REPORTS_PER_MINUTE:
        return HttpResponse("Too many reports.", status=429, content_type="text/plain")
    try:
        violations = _violations(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        violations = []
    if not violations:
        return HttpResponse(
            "Expected a CSP violation report (JSON).",
            status=400,
            content_type="text/plain",
        )
    for violation in violations:
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s)",
            violation.get("violated-directive") or violation.get("effectiveDirective"),
            violation.get("blocked-uri") or violation.get("blockedURL"),
            violation.get("document-uri") or violation.get("documentURL"),
            violation.get("source-file") or violation.get("sourceFile"),
            violation.get("line-number") or violation.get("lineNumber"),
        )
    return HttpResponse(status=204)
