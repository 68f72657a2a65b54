"""Generation tokens pushed to every process through Redis (pagecache.pushed).

Two PushedGenerations objects, each with its own subscription, stand for two
processes: a change made anywhere is seen by the other on its very next check,
without a round trip for the checks in between, and a process whose
subscription is not known good checks in Redis as before."""

import time
import uuid

import pytest
from django.test import override_settings

from pagecache import generations, pushed
from pagecache.generations import _tokens_read, generations_of, product_key
from shop.services.stock import stock_set

# A change's tokens are replaced again when its transaction commits.
pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    """The cache in Redis (database 14, as the backend's own test), under a key
    prefix, hence a channel, of its own: parallel tests do not hear each other."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PAGE_CACHE_PUSH_GENERATIONS = True
    assert pushed.enabled()


def _process() -> pushed.PushedGenerations:
    """Another process: subscribed, its subscription confirmed."""
    process = pushed.PushedGenerations()
    deadline = time.monotonic() + 5
    while not process._poll():
        assert time.monotonic() < deadline, "no subscription confirmed"
        time.sleep(0.01)
    return process


def _no_round_trip(keys):
    raise AssertionError(f"read {keys} from Redis")


def test_a_change_is_seen_by_another_process_on_its_next_check(redis_cache):
    other = _process()
    recorded = generations_of(["site", product_key(7)])
    assert other.unchanged(recorded, _tokens_read) is True

    # No wait: the message is in the other process's socket once the change
    # returns, and the check reads it first. Many times over: Redis wrote the
    # PUBLISH answer before the messages, and a check made in between (rare,
    # on a loaded machine) did not see the change.
    for _ in range(200):
        generations.product_reviews_changed(product_id=7)

        assert other.unchanged(recorded, _no_round_trip) is False
        recorded = generations_of(["site", product_key(7)])
        assert other.unchanged(recorded, _no_round_trip)


def test_a_hit_needs_no_round_trip_once_the_tokens_are_known(redis_cache):
    other = _process()
    recorded = generations_of(["site", "catalog"])
    assert other.unchanged(recorded, _tokens_read) is True

    for _ in range(3):
        assert other.unchanged(recorded, _no_round_trip) is True


def test_a_token_read_while_a_change_arrives_is_not_kept(redis_cache):
    other = _process()
    recorded = generations_of(["site"])

    def read_then_change(keys):
        found = _tokens_read(keys)
        generations.site_changed()  # published while this process was reading
        return found

    other.unchanged(recorded, read_then_change)

    assert other.unchanged(recorded, _tokens_read) is False


def test_without_a_confirmed_subscription_the_tokens_are_read_from_redis(
    redis_cache,
):
    other = _process()
    recorded = generations_of(["site"])
    assert other.unchanged(recorded, _tokens_read) is True

    other.pubsub.connection.disconnect()  # Redis restarted, say

    assert other.unchanged(recorded, _no_round_trip) is None
    assert other.tokens == {}
    # generations_unchanged then asks Redis, as without pushed tokens.
    with override_settings(PAGE_CACHE_PUSH_GENERATIONS=False):
        assert generations.generations_unchanged(recorded) is True


def test_an_unanswered_ping_stops_the_process_trusting_its_tokens(
    redis_cache, monkeypatch
):
    other = _process()
    recorded = generations_of(["site"])
    assert other.unchanged(recorded, _tokens_read) is True
    # A PING went out three seconds ago and no PONG came back: a link that
    # failed without an error.
    other.ping_sent = time.monotonic() - 3
    monkeypatch.setattr(other.pubsub, "get_message", lambda **kwargs: None)

    assert other.unchanged(recorded, _no_round_trip) is None


def test_the_local_memory_cache_pushes_nothing(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    recorded = generations_of(["site"])

    assert not pushed.enabled()
    assert generations.generations_unchanged(recorded) is True
    generations.site_changed()
    assert generations.generations_unchanged(recorded) is False


def test_a_stock_change_shows_on_the_next_request_with_pushed_tokens(
    redis_cache, client, product, monkeypatch
):
    monkeypatch.setattr(pushed, "pushed", _process())
    assert "In stock" in client.get(product.url).content.decode()
    hit = client.get(product.url)
    assert hit["X-Cache"] == "HIT"

    stock_set(product=product, quantity=0, actor=product.store.vendor)

    response = client.get(product.url)
    assert response["X-Cache"] == "MISS"
    assert "Out of stock" in response.content.decode()
