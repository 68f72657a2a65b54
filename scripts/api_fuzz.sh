#!/usr/bin/env bash
# Fuzz the REST API from its own OpenAPI schema with Schemathesis.
# (One worker: Hypothesis's source inspection is not thread-safe on Python 3.11.)
#
# Serves the site on 127.0.0.1:8013 from a fresh SQLite database in /tmp filled by
# seed_demo and runs every Schemathesis check against /api/schema/ three times: as
# the demo vendor "vendor1", as the demo buyer "buyer1" (each with its own token),
# and anonymously, so the operations that need a role are fuzzed past their 401.
# Every check is on, response-schema conformance and the declared status codes
# included. Fails on any server error or schema violation. Bounded:
# FUZZ_MAX_EXAMPLES test cases per operation for the vendor (default 25),
# FUZZ_MAX_EXAMPLES_OTHERS for the buyer and anonymous runs (default 10), and
# FUZZ_TIMEOUT seconds per run (default 540); FUZZ_AS picks the runs ("vendor1
# buyer1 anonymous"). Only 127.0.0.1 is contacted. Logout, "log out everywhere" and
# password changes are left out: they would end the token the fuzzer runs on
# (api/tests/accounts/test_tokens.py covers them).
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
ST="${ST:-.venv/bin/schemathesis}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
MAX_EXAMPLES_OTHERS="${FUZZ_MAX_EXAMPLES_OTHERS:-10}"
TIMEOUT="${FUZZ_TIMEOUT:-540}"

# shellcheck source=scripts/api_server.sh
. scripts/api_server.sh
api_server_env api-fuzz "${FUZZ_PORT:-8013}"
# The fuzzer sends thousands of requests; throttling would only hide answers.
export API_THROTTLE_ANON=1000000/min API_THROTTLE_USER=1000000/min
export API_THROTTLE_LOGIN=1000000/min API_THROTTLE_REGISTER=1000000/min

echo "Fuzzing workspace: $WORK"
"$PY" manage.py migrate --noinput >"$WORK/migrate.log"
"$PY" manage.py seed_demo --force >"$WORK/seed.log"
# The demo site answers on localhost:80; make its page URLs point at this server.
"$PY" manage.py shell -c "
from wagtail.models import Site
Site.objects.filter(is_default_site=True).update(hostname='$HOST', port=$PORT)
"

api_server_start
curl -fsS -o "$WORK/schema.yaml" "$BASE/api/schema/"

token_for() {
    curl -fsS -X POST "$BASE/api/auth/login/" -H 'Content-Type: application/json' \
        -d "{\"username\": \"$1\", \"password\": \"marketplace-demo\"}" |
        "$PY" -c 'import json, sys; print(json.load(sys.stdin)["access"])'
}

status=0
CONFIG="$PWD/scripts/schemathesis.toml"
ST="$(cd "$(dirname "$ST")" && pwd)/$(basename "$ST")"
# The vendor reaches the most operations: every phase (the coverage phase sends the
# schema's boundaries and invalid data). The buyer and anonymous runs fuzz with
# fewer examples each, for the answers only their role gets (403, 401, own carts).
for who in ${FUZZ_AS:-vendor1 buyer1 anonymous}; do
    phases=examples,coverage,fuzzing examples_per_operation="$MAX_EXAMPLES"
    if [ "$who" != vendor1 ]; then
        phases=examples,fuzzing examples_per_operation="$MAX_EXAMPLES_OTHERS"
    fi
    echo "=== Schemathesis as $who ($phases)"
    auth=()
    if [ "$who" != anonymous ]; then
        auth=(--header "Authorization: Bearer $(token_for "$who")")
    fi
    # From the workspace, so Schemathesis keeps its cache there, not in the tree.
    (cd "$WORK" && timeout --signal=INT --kill-after=30 "$TIMEOUT" \
        "$ST" --config-file "$CONFIG" run "$BASE/api/schema/" \
        --checks all \
        --phases "$phases" \
        --max-examples "$examples_per_operation" \
        --workers "${FUZZ_WORKERS:-2}" \
        --seed "${FUZZ_SEED:-20261125}" \
        --request-timeout 20 \
        "${auth[@]}" \
        --exclude-path-regex '^/api/auth/(logout|password)' \
        --report junit --report-dir "$WORK/report-$who") || {
        code=$?
        echo "Schemathesis as $who failed (exit $code)."
        [ "$code" -eq 124 ] && echo "It did not finish within ${TIMEOUT}s."
        status=1
    }
done

if grep -q "Internal Server Error\|Traceback" "$SERVER_LOG"; then
    echo "The server logged errors (see $SERVER_LOG):"
    grep -B2 -A20 "Traceback" "$SERVER_LOG" | head -80
    status=1
fi
echo "Server log and reports: $WORK"
exit "$status"
