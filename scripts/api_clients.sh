#!/usr/bin/env bash
# Generated clients, used as generated (issue: "An API that generated clients use
# as they are"). Serves the site on 127.0.0.1:8014 from a fresh SQLite database in
# /tmp, fetches /api/schema/ and
#   1. generates the Python client with openapi-python-client and imports every
#      module of it;
#   2. generates TypeScript types with openapi-typescript and compiles a check
#      against them with tsc --strict (scripts/api_types_check.ts);
#   3. runs scripts/api_client_journey.py through the generated Python client
#      against the server, validating every request and response with openapi-core.
# The README's "REST API" section shows the same two generate commands. Fails on any
# error, and if the server logged a traceback. Only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
BIN="$(cd "$(dirname "$PY")" && pwd)"
# shellcheck source=scripts/api_server.sh
. scripts/api_server.sh
api_server_env api-clients "${CLIENTS_PORT:-8014}"
export PAYMENTS_TEST_PROVIDER_ENABLED=true
# The journey signs an expired token with the server's key: one key for both.
export SECRET_KEY="${SECRET_KEY:-api-clients-$(date +%s)-$$-not-secret}"

[ -x node_modules/.bin/openapi-typescript ] ||
    npm ci --no-audit --no-fund --loglevel=error

echo "Generated-clients workspace: $WORK"
"$PY" manage.py migrate --noinput >"$WORK/migrate.log"
# No demo data: the journey registers its own users. Only the stores page.
"$PY" manage.py shell -c "
from wagtail.models import Site
from home.demo import _store_index_get_or_create
_store_index_get_or_create()
Site.objects.filter(is_default_site=True).update(hostname='$HOST', port=$PORT)
"
api_server_start
curl -fsS -o "$WORK/schema.json" "$BASE/api/schema/?format=json"

echo "== Python client (openapi-python-client)"
# PATH: the generator formats its output with ruff from the same environment.
PATH="$BIN:$PATH" "$BIN/openapi-python-client" generate \
    --path "$WORK/schema.json" --output-path "$WORK/marketplace_client" --meta none \
    2>&1 | tee "$WORK/generate.log"
if grep -qi "warning\|error" "$WORK/generate.log"; then
    echo "openapi-python-client reported problems (see above)."
    exit 1
fi
"$PY" - "$WORK" <<'PYTHON'
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import marketplace_client
names = [m.name for m in pkgutil.walk_packages(marketplace_client.__path__, "marketplace_client.")]
for name in names:
    importlib.import_module(name)
print(f"Imported all {len(names)} modules of the generated client.")
PYTHON

echo "== TypeScript types (openapi-typescript)"
node_modules/.bin/openapi-typescript "$WORK/schema.json" -o "$WORK/ts/api.d.ts"
cp scripts/api_types_check.ts "$WORK/ts/check.ts"
node_modules/.bin/tsc --noEmit --strict --target es2020 --module es2020 \
    --moduleResolution bundler "$WORK/ts/check.ts"
echo "The TypeScript types compile (tsc --strict)."

echo "== A journey through the generated Python client"
status=0
"$PY" scripts/api_client_journey.py "$BASE" "$WORK/schema.json" \
    "$WORK/marketplace_client" || status=$?

if grep -q "Internal Server Error\|Traceback" "$SERVER_LOG"; then
    echo "The server logged errors (see $SERVER_LOG):"
    grep -B2 -A20 "Traceback" "$SERVER_LOG" | head -80
    status=1
fi
echo "Server log and generated code: $WORK"
exit "$status"
