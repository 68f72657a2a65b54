# Sourced by scripts/api_fuzz.sh and scripts/api_clients.sh: the site served for
# an API tool from a fresh SQLite database in a work folder, on 127.0.0.1, with
# nothing outside it (no X, PayPal or SMTP; tasks run at once), stopped on exit.
#
#   api_server_env NAME PORT   makes WORK (/tmp/NAME.XXXXXX), sets HOST, BASE,
#                              SERVER_LOG and the server's environment
#   api_server_start           serves the site and waits until /api/schema/ answers

api_server_env() {
    HOST=127.0.0.1
    PORT="$2"
    BASE="http://$HOST:$PORT"
    WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
    SERVER_LOG="$WORK/server.log"
    export DJANGO_SETTINGS_MODULE=config.settings.dev
    export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
    export MEDIA_ROOT="$WORK/media"
    export CACHE_URL="locmemcache://$1"
    export TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend"
    export EMAIL_URL="consolemail://"
    export X_API_KEY="" X_API_SECRET="" X_ACCESS_TOKEN="" X_ACCESS_TOKEN_SECRET=""
    export PAYPAL_CLIENT_ID="" PAYPAL_CLIENT_SECRET=""
    export WAGTAILADMIN_BASE_URL="$BASE"
    SERVER_PID=""
    trap api_server_stop EXIT
}

api_server_stop() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}

api_server_start() {
    "$PY" manage.py runserver "$HOST:$PORT" --noreload >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 60); do
        curl -fsS -o /dev/null "$BASE/api/schema/" 2>/dev/null && return 0
        sleep 1
    done
    echo "The server did not answer on $BASE (see $SERVER_LOG)."
    return 1
}
