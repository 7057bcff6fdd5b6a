"""Django's Redis cache backend, for a cache that may go away: families still get every page.

Everything the site keeps in Redis (search answers, whole pages) can be worked out again from
the database, so Redis restarting, full or unreachable must cost families speed, never a page.
Django's own backend raises the client's errors into the request (a 500); this one treats
them as a miss (a read) or as not stored (a write), logs it, and leaves Redis alone for a few
seconds so that a Redis that does not answer costs each request nothing while it is down.
Short socket timeouts keep a Redis that hangs from holding requests.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After an error, Redis is not asked again for this long (in this process).
RETRY_AFTER_SECONDS = 5.0
# Seconds to wait for Redis to accept a connection and to answer (redis-py's own defaults wait
# for ever).
CONNECT_TIMEOUT = 0.5
ANSWER_TIMEOUT = 1.0

# What each operation returns when Redis cannot be asked: a miss, or nothing stored.
_WHEN_DOWN = {
    "add": False,
    "get": None,  # the caller's default, below
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


class RedisCacheThatFailsOpen(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", ANSWER_TIMEOUT)
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    def is_down(self):
        return time.monotonic() < self._down_until

    def _went_down(self, operation, error):
        with self._lock:
            if not self.is_down():
                logger.warning(
                    "Redis cache unavailable (%s: %s); serving uncached for %ss",
                    operation,
                    error,
                    RETRY_AFTER_SECONDS,
                )
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS


def _fails_open(name):
    stock = getattr(RedisCache, name)

    def operation(self, *args, **kwargs):
        when_down = _WHEN_DOWN[name]
        if name == "get":  # get(key, default=None, version=None)
            when_down = args[1] if len(args) > 1 else kwargs.get("default")
        if self.is_down():
            return when_down
        try:
            return stock(self, *args, **kwargs)
        except RedisError as error:
            self._went_down(name, error)
            return when_down

    operation.__name__ = name
    operation.__doc__ = stock.__doc__
    return operation


for _name in _WHEN_DOWN:
    setattr(RedisCacheThatFailsOpen, _name, _fails_open(_name))
