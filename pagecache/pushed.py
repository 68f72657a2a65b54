"""Generation tokens pushed to each process, so a cache hit needs no round trip.

With Redis as the cache, every change's new tokens are published on a channel
(pagecache.generations._bump: the tokens are written first, then published, on
the same server, which handles commands in order). Each process subscribes
once and keeps the tokens it has heard of in a dict. Before a hit is answered,
the request's own thread reads whatever the subscription has received (a
non-blocking poll of the socket: no round trip) and compares the entry's
tokens with the dict. A token the dict does not know yet is read from Redis
(one MGET, as without this module) and kept, unless a message arrived while it
was being read.

The guarantee. Redis queues a published message to every subscriber while it
runs PUBLISH, and writes the queued replies out in one pass before it reads the
next command; but it writes the publisher's answer first (the newest in its
list), so for an instant the answer is out and the messages are not. The
publisher therefore sends a PING on the same connection after publishing: its
answer comes from a later pass, after every subscriber's message was written.
A change's request answers its client only after that, so a request that
starts later finds the message already in its process's socket buffer (same
host: at once; another host: one network hop, which the changer's answer and
the next request also have to travel), and the poll before every hit reads it.
A process serves from the dict only while its subscription is known good:
subscribed and confirmed, no error since, and its own PING answered within
PING_TIMEOUT. Otherwise, after any error, before the subscription is confirmed,
and after a reconnection (the dict is emptied: messages may have been missed)
it checks in Redis on every hit as before. A link that fails silently (no
error, no reset) is noticed when a PING goes unanswered: at most about
PING_INTERVAL + PING_TIMEOUT seconds during which a change may not be seen by
that process.

Without Redis (the default local-memory cache) nothing is pushed: each hit
reads the tokens from the cache, which lives in the process.
"""

import logging
import os
import select
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Seconds between the PINGs that prove the subscription is alive, and how long
# an answer may take before the process stops trusting its tokens.
PING_INTERVAL = 1.0
PING_TIMEOUT = 2.0
# After an error, how long before subscribing again (meanwhile: MGET per hit).
RETRY_AFTER = 1.0
SEPARATOR = " "


def _redis_client():
    """The cache's redis-py client, or None when the cache is not Redis."""
    get_client = getattr(getattr(cache, "_cache", None), "get_client", None)
    return get_client(write=True) if callable(get_client) else None


def channel_name() -> str:
    """One channel per cache (its key prefix and Redis database)."""
    client = _redis_client()
    database = client.connection_pool.connection_kwargs.get("db", 0) if client else 0
    return f"{cache.make_key('pagecache:generations')}:{database}"


def publish(tokens: dict[str, str]) -> None:
    """Tell every process the new tokens (called after they were written)."""
    if not tokens or not settings.PAGE_CACHE_PUSH_GENERATIONS:
        return
    client = _redis_client()
    if client is None:
        return
    by_token: dict[str, list[str]] = {}
    for key, token in tokens.items():
        by_token.setdefault(token, []).append(key)
    try:
        for token, keys in by_token.items():
            client.publish(channel_name(), SEPARATOR.join([token, *keys]))
        # Answered once the messages are written to every subscriber (see the
        # guarantee above). Without it, on a loaded machine, a check right after
        # the change missed it about once in 8,000 changes.
        client.ping()
    except Exception:
        # The tokens are written: processes that missed this see it when their
        # PING goes unanswered, or on their next reconnection.
        logger.exception("Could not publish the new page cache generations.")


class PushedGenerations:
    """This process's copy of the tokens, kept current by the subscription."""

    def __init__(self):
        self.lock = threading.Lock()
        self._reset_process()

    def _reset_process(self) -> None:
        self.pid = os.getpid()
        self.pubsub = None
        self.channel = None
        self.confirmed = False
        self.tokens: dict[str, str] = {}
        # Changes whenever the dict may have lost or gained tokens.
        self.version = 0
        self.ping_sent: float | None = None
        self.last_ping = 0.0
        self.retry_at = 0.0
        self.poller = None
        self.polled = None

    # The subscription ---------------------------------------------------------

    def _drop(self, reason: str) -> None:
        if self.pubsub is not None:
            logger.warning("Page cache generations: %s; checking in Redis.", reason)
            try:
                self.pubsub.close()
            except Exception:  # noqa: S110 - closing a broken connection
                pass
        self.pubsub = None
        self.confirmed = False
        self.tokens = {}
        self.version += 1
        self.ping_sent = None
        self.poller = self.polled = None
        self.retry_at = time.monotonic() + RETRY_AFTER

    def _subscribe(self) -> None:
        client = _redis_client()
        if client is None:
            return
        self.channel = channel_name()
        self.pubsub = client.pubsub()
        self.pubsub.subscribe(self.channel)
        self.confirmed = False
        self.last_ping = time.monotonic()

    def _watch_socket(self) -> bool:
        """Poll the subscription's socket from now on; False when it is not the
        one read so far (a reconnection) or there is none."""
        sock = getattr(self.pubsub.connection, "_sock", None)
        if sock is None or (self.polled is not None and self.polled is not sock):
            return False
        if self.poller is None:
            self.poller = select.poll()
            self.poller.register(sock, select.POLLIN | select.POLLERR | select.POLLHUP)
            self.polled = sock
        return True

    def _apply(self, message: dict) -> None:
        kind = message["type"]
        if kind == "message":
            token, *keys = message["data"].decode().split(SEPARATOR)
            for key in keys:
                self.tokens[key] = token
            self.version += 1
        elif kind == "subscribe":
            # Confirmed, or confirmed again after a reconnection: whatever was
            # published in between is unknown.
            self.tokens = {}
            self.version += 1
            self.confirmed = True
        elif kind == "pong":
            self.ping_sent = None

    def _poll(self) -> bool:
        """Read what has arrived; True while the tokens can be trusted."""
        if self.pid != os.getpid():  # forked (gunicorn --preload): start again
            self._reset_process()
        if self.pubsub is None:
            if time.monotonic() < self.retry_at:
                return False
            try:
                self._subscribe()
            except Exception as error:
                self._drop(f"cannot subscribe ({error})")
                return False
            if self.pubsub is None:
                return False
        try:
            now = time.monotonic()
            if (
                self.poller is not None
                and not self.poller.poll(0)
                and self.ping_sent is None
                and now - self.last_ping <= PING_INTERVAL
            ):
                # Nothing arrived since the last read (redis-py's buffer was
                # emptied then): one poll() call, cheaper than redis-py's check.
                return self.confirmed
            while True:
                message = self.pubsub.get_message(timeout=0.0)
                if message is None:
                    break
                self._apply(message)
            if not self._watch_socket():
                # redis-py reconnects (and subscribes again) by itself: what was
                # published meanwhile is lost, so start afresh.
                self._drop("the subscription's connection was lost")
                return False
            if self.ping_sent is not None and now - self.ping_sent > PING_TIMEOUT:
                self._drop("no answer to PING")
                return False
            if self.confirmed and self.ping_sent is None:
                if now - self.last_ping > PING_INTERVAL:
                    self.pubsub.ping()
                    self.ping_sent = self.last_ping = now
        except Exception as error:
            self._drop(f"subscription lost ({error})")
            return False
        return self.confirmed

    # What a hit asks ----------------------------------------------------------

    def unchanged(self, recorded: dict[str, str], read) -> bool | None:
        """Are the recorded tokens current? None: ask Redis (not trusted now).
        `read(keys)` reads tokens from the cache, for those not known yet."""
        with self.lock:
            if not self._poll():
                return None
            missing = [key for key in recorded if key not in self.tokens]
            if not missing:
                return all(self.tokens[key] == t for key, t in recorded.items())
            version = self.version
        found = read(missing)
        with self.lock:
            # Kept only if nothing arrived meanwhile (a newer token may have).
            if self._poll() and self.version == version:
                for key in missing:
                    if key in found:
                        self.tokens[key] = found[key]
            tokens = self.tokens
        return all(
            (found.get(key) if key in missing else tokens.get(key)) == token
            # A newer token heard of while reading wins.
            and tokens.get(key, token) == token
            for key, token in recorded.items()
        )


pushed = PushedGenerations()
_REDIS_BACKENDS = {
    "config.cache.RedisCache",
    "django.core.cache.backends.redis.RedisCache",
}


def enabled() -> bool:
    """Pushed tokens are used with Redis as the cache, unless
    PAGE_CACHE_PUSH_GENERATIONS is off."""
    return (
        settings.PAGE_CACHE_PUSH_GENERATIONS
        and settings.CACHES["default"]["BACKEND"] in _REDIS_BACKENDS
    )
