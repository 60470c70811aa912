"""Redis as a cache the site can do without: an outage costs speed, never an error page.

Pages keep summaries and fragments in the cache, and every page reads it (the navigation's
unread count). Django's RedisCache raises when Redis is unreachable; this one logs, answers as
if nothing were cached, and leaves Redis alone for a while, so that a page does not wait for a
timeout on each of its reads.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("groundwork.cache")
PAUSE_SECONDS = 30
# When each Redis (by its address) may be asked again; shared by the process's connections.
_down_until: dict[tuple[str, ...], float] = {}


def forgiving(missing):
    """The method, or what `missing` makes of the same arguments while Redis is down."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            servers = tuple(self._servers)
            if time.monotonic() < _down_until.get(servers, 0.0):
                return missing(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError:
                logger.warning("Redis is unreachable; pages go uncached for %s s.", PAUSE_SECONDS)
                _down_until[servers] = time.monotonic() + PAUSE_SECONDS
                return missing(*args, **kwargs)

        return call

    return decorate


def nothing(*args, **kwargs) -> None:
    return None


def false(*args, **kwargs) -> bool:
    return False


def default(key, default=None, version=None):
    return default


class ForgivingRedisCache(RedisCache):
    get = forgiving(default)(RedisCache.get)
    get_many = forgiving(lambda *args, **kwargs: {})(RedisCache.get_many)
    set = forgiving(nothing)(RedisCache.set)
    set_many = forgiving(lambda *args, **kwargs: [])(RedisCache.set_many)
    add = forgiving(false)(RedisCache.add)
    touch = forgiving(false)(RedisCache.touch)
    has_key = forgiving(false)(RedisCache.has_key)
    delete = forgiving(false)(RedisCache.delete)
    delete_many = forgiving(nothing)(RedisCache.delete_many)
