#!/usr/bin/env bash
# The many-machines recipe of the README ("Operations"), on loopback:
#   a MariaDB primary (binlog) and a real replica of it, two mariadbd in their own
#   temporary datadirs; Redis for cache, sessions and the RQ queue; an RQ worker;
#   two gunicorn app processes with production settings behind one address (a
#   small balancer, scripts/topology_balancer.py).
#
#   scripts/topology.sh up        bring it up (prints the address and the env file)
#   scripts/topology.sh down      stop what `up` started and delete its directory
#   scripts/topology.sh test      up, the suite's "topology" tests, down
#   scripts/topology.sh app N     (re)start app process N (1 or 2)
#   scripts/topology.sh replica   restart the replica's mariadbd
#
# Ports (override by environment): primary 3307, replica 3308, balancer 8150,
# apps 8151-8152, Redis 8153. Everything lives in TOPOLOGY_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${TOPOLOGY_DIR:-/tmp/marketplace-topology}
PY=${PY:-$ROOT/.venv/bin/python}
PRIMARY_PORT=${TOPOLOGY_PRIMARY_PORT:-3307}
REPLICA_PORT=${TOPOLOGY_REPLICA_PORT:-3308}
LB_PORT=${TOPOLOGY_PORT:-8150}
APP_PORTS=(${TOPOLOGY_APP_PORTS:-8151 8152})
REDIS_PORT=${TOPOLOGY_REDIS_PORT:-8153}
DB=shop

log() { echo "topology: $*" >&2; }

need() {  # need <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return
    [ "$(id -u)" = 0 ] || { log "$1 is missing (apt-get install $2)"; exit 1; }
    log "installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {  # the process whose id `up` wrote, and only that one
    if alive "$1"; then
        kill "$(cat "$1")" 2>/dev/null || true
        for _ in $(seq 1 100); do alive "$1" || break; sleep 0.1; done
        alive "$1" && kill -9 "$(cat "$1")" 2>/dev/null || true
    fi
    rm -f "$1"
}

sql() {  # sql <name> <statement>: as root over the server's own socket
    mariadb --no-defaults --socket="$DIR/$1/sock" -uroot -e "$2"
}

mariadbd_start() {  # mariadbd_start <name> <port> <server id> [options...]
    local name=$1 port=$2 id=$3; shift 3
    local home=$DIR/$name
    if [ ! -d "$home/data" ]; then
        mkdir -p "$home"
        mariadb-install-db --no-defaults --datadir="$home/data" --user="$(id -un)" \
            --auth-root-authentication-method=normal >"$home/install.log" 2>&1
    fi
    mariadbd --no-defaults --datadir="$home/data" --user="$(id -un)" \
        --port="$port" --bind-address=127.0.0.1 --socket="$home/sock" \
        --pid-file="$home/pid" --log-error="$home/error.log" --server-id="$id" \
        --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        "$@" >/dev/null 2>&1 &
    for _ in $(seq 1 300); do
        mariadb-admin --no-defaults --socket="$home/sock" -uroot ping >/dev/null 2>&1 && return
        sleep 0.2
    done
    log "mariadbd $name did not start: $(tail -5 "$home/error.log")"; exit 1
}

replica_start() {
    mariadbd_start replica "$REPLICA_PORT" 2 --read-only \
        --relay-log="$DIR/replica/relay" --log-slave-updates=0
}

write_env() {
    local secret
    secret=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')
    cat >"$DIR/env" <<EOF
DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=127.0.0.1,localhost
SECURE_SSL_REDIRECT=False
SECURE_HSTS_SECONDS=0
PAYMENTS_TEST_PROVIDER_ENABLED=True
DATABASE_URL=mysql://root@127.0.0.1:$PRIMARY_PORT/$DB
DATABASE_REPLICA_URL=mysql://root@127.0.0.1:$REPLICA_PORT/$DB
CONN_MAX_AGE=0
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/1
SESSION_ENGINE=django.contrib.sessions.backends.cache
TASKS_BACKEND=django_tasks_rq.RQBackend
RQ_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
STATIC_ROOT=$DIR/static
MEDIA_ROOT=$DIR/media
BACKUP_ROOT=$DIR/backups
API_THROTTLE_ANON=100000/min
API_THROTTLE_USER=100000/min
API_THROTTLE_LOGIN=100000/min
LOGIN_RATE_LIMIT=10000/m/ip
SITE_URL=http://127.0.0.1:$LB_PORT
TOPOLOGY_URL=http://127.0.0.1:$LB_PORT
TOPOLOGY_DIR=$DIR
TOPOLOGY_PRIMARY_PORT=$PRIMARY_PORT
TOPOLOGY_REPLICA_PORT=$REPLICA_PORT
EOF
}

load_env() { set -a; . "$DIR/env"; set +a; }

app_start() {  # app_start <1|2>
    local n=$1 port=${APP_PORTS[$(($1 - 1))]}
    load_env
    stop_pidfile "$DIR/app$n.pid"
    "$ROOT/.venv/bin/gunicorn" config.wsgi --chdir "$ROOT" --bind "127.0.0.1:$port" \
        --workers 2 --timeout 60 --pid "$DIR/app$n.pid" \
        --error-logfile "$DIR/app$n.log" --daemon
    for _ in $(seq 1 300); do
        curl -fsS "http://127.0.0.1:$port/health/ready/" >/dev/null 2>&1 && return
        sleep 0.3
    done
    log "app $n did not become ready: $(tail -5 "$DIR/app$n.log")"; exit 1
}

up() {
    if alive "$DIR/balancer.pid"; then log "already up ($DIR)"; return; fi
    down  # what a failed `up` left behind: start afresh
    need mariadbd mariadb-server
    need redis-server redis-server
    need curl curl
    need pgrep procps
    mkdir -p "$DIR"

    log "MariaDB primary :$PRIMARY_PORT (binlog) and replica :$REPLICA_PORT"
    mariadbd_start primary "$PRIMARY_PORT" 1 --log-bin="$DIR/primary/binlog" \
        --binlog-format=ROW
    replica_start
    for name in primary replica; do
        # Root over TCP for the app; not written to the binlog (the replica has its own).
        sql "$name" "SET sql_log_bin=0; CREATE USER IF NOT EXISTS root@'127.0.0.1';
            GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;"
    done
    sql primary "SET sql_log_bin=0; CREATE USER IF NOT EXISTS repl@'127.0.0.1'
        IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO repl@'127.0.0.1';"
    sql replica "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$PRIMARY_PORT,
        MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos;
        START SLAVE;"
    sql primary "CREATE DATABASE IF NOT EXISTS $DB
        CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"

    log "Redis :$REDIS_PORT"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
        --daemonize yes --pidfile "$DIR/redis.pid" --dir "$DIR" \
        --logfile "$DIR/redis.log"

    write_env
    load_env
    log "migrate, collectstatic, a small shop"
    "$PY" manage.py migrate --noinput --skip-checks >"$DIR/migrate.log" 2>&1
    if ! "$PY" manage.py collectstatic --noinput >"$DIR/collectstatic.log" 2>&1; then
        # The API and health checks need no static files; the pages do.
        log "WARNING: collectstatic failed (pages will answer 500, the API works):"
        tail -4 "$DIR/collectstatic.log" >&2
    fi
    "$PY" operations/tests/topology_seed.py >"$DIR/seed.log" 2>&1
    # The replica has replayed everything so far.
    local gtid
    gtid=$(mariadb --no-defaults --socket="$DIR/primary/sock" -uroot -N \
        -e "SELECT @@gtid_binlog_pos")
    sql replica "SELECT MASTER_GTID_WAIT('$gtid', 120);" >/dev/null

    log "RQ worker, two gunicorn app processes, the balancer :$LB_PORT"
    "$PY" manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job \
        default >"$DIR/worker.log" 2>&1 &
    echo $! >"$DIR/worker.pid"
    app_start 1
    app_start 2
    "$PY" scripts/topology_balancer.py "$LB_PORT" \
        "127.0.0.1:${APP_PORTS[0]}" "127.0.0.1:${APP_PORTS[1]}" >"$DIR/balancer.log" 2>&1 &
    echo $! >"$DIR/balancer.pid"
    for _ in $(seq 1 50); do
        curl -fsS "http://127.0.0.1:$LB_PORT/health/ready/" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fsS "http://127.0.0.1:$LB_PORT/health/ready/"; echo
    log "up: http://127.0.0.1:$LB_PORT/ (settings in $DIR/env)"
}

down() {
    [ -d "$DIR" ] || return 0
    stop_pidfile "$DIR/balancer.pid"
    stop_pidfile "$DIR/app1.pid"
    stop_pidfile "$DIR/app2.pid"
    stop_pidfile "$DIR/worker.pid"
    stop_pidfile "$DIR/redis.pid"
    stop_pidfile "$DIR/replica/pid"
    stop_pidfile "$DIR/primary/pid"
    rm -rf "$DIR"
    log "down"
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    app) app_start "${2:?which app, 1 or 2}" ;;
    replica) stop_pidfile "$DIR/replica/pid"; replica_start; sql replica "START SLAVE;" ;;
    test)
        started=0
        if ! alive "$DIR/balancer.pid"; then up; started=1; fi
        status=0
        TOPOLOGY_ENV="$DIR/env" "$PY" -m pytest -m topology -p no:cacheprovider -n 0 \
            -q operations/tests/test_topology.py || status=$?
        [ "$started" = 1 ] && down
        exit $status
        ;;
    *) echo "usage: $0 up|down|test|app N|replica" >&2; exit 2 ;;
esac
