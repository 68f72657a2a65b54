"""Against the running loopback topology: the router's choices on a real replica.

Run in its own process with the topology's environment (scripts/topology.sh writes
it). The replica's SQL thread is stopped first, so it lags for as long as the check
needs: a row written then is on the primary only.
"""

import os
import sys
import time
import uuid

import django

sys.path.insert(0, os.getcwd())
django.setup()

from django.db import connections, transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from config import db_router  # noqa: E402


def replica(statement: str) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute(statement)


def main() -> None:
    assert "replica" in connections.settings, "DATABASE_REPLICA_URL is not set"
    router = db_router.PrimaryReplicaRouter()
    replica("STOP SLAVE SQL_THREAD")
    try:
        name = f"topo-{uuid.uuid4().hex[:12]}"
        db_router.reset()
        assert router.db_for_read(User) == "replica"
        User.objects.create(username=name, email=f"{name}@example.com")
        # Read-your-writes: this context wrote, so its reads go to the primary.
        assert router.db_for_read(User) == "default"
        assert User.objects.filter(username=name).exists()
        print("read after write: primary, row seen")  # noqa: T201
        # A plain read (a new request) goes to the lagging replica: not there yet.
        db_router.reset()
        assert User.objects.db == "replica"
        assert not User.objects.filter(username=name).exists()
        print("plain read: replica, row not replicated yet")  # noqa: T201
        # Inside a transaction: the primary.
        with transaction.atomic():
            assert User.objects.filter(username=name).exists()
        print("read inside a transaction: primary, row seen")  # noqa: T201
    finally:
        replica("START SLAVE SQL_THREAD")
    for _ in range(100):
        db_router.reset()
        if User.objects.filter(username=name).exists():
            print("replica caught up: row seen there")  # noqa: T201
            return
        time.sleep(0.1)
    raise AssertionError("the replica never caught up")


if __name__ == "__main__":
    main()
