"""`make bench`: the public paths under load, with production settings.

Builds a MariaDB database (BENCH_DB, dropped first) with a generated catalog of
BENCH_PRODUCTS products, serves it with gunicorn (BENCH_WORKERS sync workers on
127.0.0.1:BENCH_PORT, the cache in Redis database BENCH_REDIS_DB so every worker
shares it), warms it up, then runs wrk against each path for BENCH_DURATION
seconds at each of BENCH_CONNECTIONS concurrent connections. Prints requests/s,
p50, p99, errors, timeouts and each path's ratio to /health/live/ (a request
that touches nothing: the most this server can do) in the same run, and stops
everything it started. Only 127.0.0.1 is contacted.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "127.0.0.1"
REFERENCE = "/health/live/"

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "50 500").split()]
PORT = int(os.environ.get("BENCH_PORT", "8099"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DB = os.environ.get("BENCH_DB", "bench")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "2"))
SEARCH = os.environ.get("BENCH_SEARCH", "ceramic")
WARMUP = int(os.environ.get("BENCH_WARMUP", "10"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/marketplace-bench"))  # noqa: S108


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)  # noqa: T201


def sh(*cmd: str, env: dict | None = None, quiet: bool = False) -> str:
    done = subprocess.run(  # noqa: S603 (fixed commands, no shell)
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 and not quiet:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def ok(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True, check=False).returncode == 0  # noqa: S603


def wrk_ensure() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("bench: needs wrk: sudo apt-get install -y wrk")
    log("installing wrk (Debian)")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh("apt-get", "update", "-qq", env=apt_env)
    sh("apt-get", "install", "-y", "-qq", "wrk", env=apt_env)


def service_ensure(stack: ExitStack, name: str, ping, start, stop) -> None:
    """Start a server that is down, and stop it at the end; leave a running one be."""
    if ok(*ping):
        return
    log(f"starting {name}")
    sh(*start)
    for _ in range(60):
        if ok(*ping):
            stack.callback(lambda: (log(f"stopping {name}"), sh(*stop, quiet=True)))
            return
        time.sleep(1)
    sys.exit(f"bench: {name} did not start")


def django_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": f"mysql://root@{HOST}:3306/{DB}",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": f"redis://{HOST}:6379/{REDIS_DB}",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{PORT}",
        # All load comes from one address: a per-address limit would only
        # measure 429s (anonymous requests count against both rates).
        "API_THROTTLE_ANON": "1000000/s",
        "API_THROTTLE_USER": "1000000/s",
        "LOG_LEVEL": "WARNING",
    }


def site_build(env: dict) -> None:
    if not re.fullmatch(r"\w+", DB):
        sys.exit("bench: BENCH_DB must be a plain name")
    log(f"database {DB}: drop, create, migrate")
    sh(
        "mariadb", f"--host={HOST}", "--user=root", "-e",
        f"DROP DATABASE IF EXISTS `{DB}`; "
        f"CREATE DATABASE `{DB}` CHARACTER SET utf8mb4;",
    )  # fmt: skip
    sh("redis-cli", "-h", HOST, "-n", str(REDIS_DB), "flushdb")
    sh(PY, "manage.py", "migrate", "--noinput", env=env)
    log(f"generating {PRODUCTS} products")
    started = time.monotonic()
    sh(PY, "manage.py", "generate_catalog", "--products", str(PRODUCTS), env=env)
    log(f"catalog generated in {time.monotonic() - started:.0f} s")
    sh(PY, "manage.py", "collectstatic", "--noinput", env=env)


def serve(stack: ExitStack, env: dict) -> None:
    log(f"gunicorn: {WORKERS} sync workers on {HOST}:{PORT}")
    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN, "config.wsgi:application",
            f"--workers={WORKERS}", f"--bind={HOST}:{PORT}", "--backlog=2048",
            "--timeout=60", "--graceful-timeout=5", "--log-level=warning",
            f"--error-logfile={WORK / 'gunicorn.log'}",
        ],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip

    def stop() -> None:
        log("stopping gunicorn")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    stack.callback(stop)
    for _ in range(60):
        if server.poll() is not None:
            sys.exit(f"bench: gunicorn exited; see {WORK / 'gunicorn.log'}")
        try:
            if get("/health/ready/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit("bench: the server never became ready")


def get(path: str, timeout: float = 30) -> tuple[int, bytes]:
    """One request, redirects not followed (a redirect is a failed path here)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{HOST}:{PORT}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def paths_find() -> list[tuple[str, str]]:
    stores = json.loads(get("/api/stores/")[1])["results"]
    products = json.loads(get("/api/products/")[1])["results"]
    product = products[len(products) // 2]
    return [
        ("liveness (reference)", REFERENCE),
        ("home", "/"),
        ("stores", "/stores/"),
        ("a store page", urlsplit(stores[0]["url"]).path),
        ("a product page", urlsplit(product["url"]).path),
        ("catalogue", "/catalogue/"),
        # The deepest page there is (the catalogue stops at CATALOGUE_MAX_PAGES).
        ("catalogue page 100", "/catalogue/?page=100"),
        ("search", f"/search/?q={SEARCH}"),
        ("API product list", "/api/products/"),
        ("API product detail", f"/api/products/{product['id']}/"),
    ]


def warm_up(paths: list[tuple[str, str]]) -> None:
    log(f"warming up: {WARMUP} requests a path")
    for _, path in paths:
        for _ in range(WARMUP):
            status, _ = get(path)
            if status != 200:
                sys.exit(f"bench: {path} answered {status}, not 200")


def settle() -> None:
    """Wait until requests queued by a run that timed out have drained."""
    for _ in range(120):
        started = time.monotonic()
        try:
            get(REFERENCE, timeout=5)
        except OSError:
            pass
        if time.monotonic() - started < 0.2:
            return
        time.sleep(0.5)


def measure(path: str, connections: int) -> dict:
    out = sh(
        "wrk", f"--threads={min(2, connections)}", f"--connections={connections}",
        f"--duration={DURATION}s", f"--timeout={TIMEOUT}s",
        f"--script={ROOT / 'scripts' / 'bench.lua'}", f"http://{HOST}:{PORT}{path}",
    )  # fmt: skip
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    good = raw["requests"] - raw["status"]
    return {
        "rps": good / (raw["duration_us"] / 1e6),
        "p50": raw["p50_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "errors": raw["connect"] + raw["read"] + raw["write"] + raw["status"],
        "timeouts": raw["timeout"],
    }


def table(paths, results) -> str:
    lines = [
        "| path | conns | req/s | p50 ms | p99 ms | errors | timeouts | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for connections in CONNECTIONS:
        reference = results[(REFERENCE, connections)]["rps"] or 1
        for label, path in paths:
            r = results[(path, connections)]
            lines.append(
                f"| {label} `{path}` | {connections} | {r['rps']:.1f} "
                f"| {r['p50']:.0f} | {r['p99']:.0f} | {r['errors']} "
                f"| {r['timeouts']} | {r['rps'] / reference:.3f} |"
            )
    return "\n".join(lines)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    wrk_ensure()
    env = django_env()
    with ExitStack() as stack:
        service_ensure(
            stack, "Redis",
            ["redis-cli", "-h", HOST, "ping"],
            ["redis-server", "--daemonize", "yes", "--bind", HOST, "--port", "6379",
             "--save", "", "--appendonly", "no"],
            ["redis-cli", "-h", HOST, "shutdown", "nosave"],
        )  # fmt: skip
        service_ensure(
            stack, "MariaDB",
            ["mariadb-admin", f"--host={HOST}", "--user=root", "ping"],
            ["start-stop-daemon", "--start", "--oknodo", "--background",
             "--exec", "/usr/sbin/mariadbd"],
            ["mariadb-admin", f"--host={HOST}", "--user=root", "shutdown"],
        )  # fmt: skip
        site_build(env)
        serve(stack, env)
        paths = paths_find()
        warm_up(paths)
        results = {}
        for connections in CONNECTIONS:
            for label, path in paths:
                settle()
                log(f"{connections} connections, {DURATION} s: {label} {path}")
                results[(path, connections)] = measure(path, connections)
        commit = sh("git", "describe", "--always", "--dirty", quiet=True).strip()
        report = (
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {commit or 'no git'}: "
            f"{PRODUCTS} products on MariaDB, gunicorn {WORKERS} sync workers, "
            f"cache in Redis, wrk {DURATION} s a row (timeout {TIMEOUT} s), "
            f"{os.cpu_count()} cores shared by server and load generator; "
            "ratio = req/s over the liveness row at the same connections.\n\n"
            + table(paths, results)
        )
    (WORK / "results.md").write_text(report + "\n")
    print("\n" + report)  # noqa: T201


if __name__ == "__main__":
    main()
