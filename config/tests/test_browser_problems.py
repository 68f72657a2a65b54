"""The root conftest's browser fixture sees what breaks a page: CSP violations (in
iframes too), console errors, uncaught exceptions and failed requests."""

import pytest

pytestmark = [pytest.mark.e2e]

STRICT_CSP = "default-src 'self'; script-src 'self'"
SITE = "http://e2e.invalid"
PAGES = {
    "/page": (
        200,
        "<p>page</p><script>document.title = 'inline ran'</script>"
        "<script src='/boom.js'></script>"
        "<img src='/missing.png'><img src='/expected-404.png'>"
        "<iframe src='/frame'></iframe>",
    ),
    "/frame": (200, "<p>frame</p><script>document.title = 'frame ran'</script>"),
    "/boom.js": (200, "console.error('logged'); throw new Error('kaboom');"),
    "/missing.png": (404, ""),
    "/expected-404.png": (404, ""),
}


def _serve(route):
    path = route.request.url.removeprefix(SITE)
    status, body = PAGES[path]
    content_type = "text/javascript" if path.endswith(".js") else "text/html"
    route.fulfill(
        status=status,
        body=body,
        content_type=content_type,
        headers={"Content-Security-Policy": STRICT_CSP},
    )


def test_expected_csp_violations_and_their_console_errors_are_not_problems(
    page_in_browser, browser_problems
):
    tab = page_in_browser
    tab.context.route(f"{SITE}/**", _serve)
    browser_problems.expect_csp_violation("script-src-elem", f"{SITE}/frame")

    tab.goto(f"{SITE}/frame")
    tab.locator("p").wait_for()
    seen = browser_problems.take()

    assert seen == []


def test_browser_problems_are_collected_from_the_page_and_its_iframes(
    page_in_browser, browser_problems
):
    tab = page_in_browser
    tab.context.route(f"{SITE}/**", _serve)
    browser_problems.expect_response(404, "/expected-404.png")

    tab.goto(f"{SITE}/page")
    tab.frame_locator("iframe").locator("p").wait_for()
    tab.wait_for_load_state("load")
    seen = browser_problems.take()

    text = "\n".join(seen)
    csp = [line for line in seen if line.startswith("CSP violation")]
    assert len(csp) == 2, text
    assert any(f"in {SITE}/page " in line for line in csp), text
    assert any(f"in {SITE}/frame " in line for line in csp), text
    assert all("script-src-elem blocked 'inline'" in line for line in csp), text
    assert "console error: logged" in text
    assert "uncaught exception: Error: kaboom" in text
    assert f"HTTP 404: GET {SITE}/missing.png" in text
    assert "expected-404" not in text
    assert tab.title() == ""
