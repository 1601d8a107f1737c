"""Token-bucket rate limits, in memory only (nothing about callers is written anywhere)."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from app.errors import ProblemError
from app.i18n.translate import N_, _


class TooManyRequests(ProblemError):
    status = 429
    title = N_("Too many requests")

    def __init__(self, retry_after: float) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(_("slow down: try again in %(seconds)d s") % {"seconds": seconds})
        self.headers = {"Retry-After": str(seconds)}


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """`per_minute` events per key, refilled continuously; bursts up to `per_minute`."""

    MAX_KEYS = 100_000  # forget the oldest buckets past this, so memory stays bounded

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Count one event for `key`; raises TooManyRequests when its bucket is empty."""
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.pop(key, None) or _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            self._buckets[key] = bucket  # re-inserted last: dict order is least recently used
            if len(self._buckets) > self.MAX_KEYS:
                del self._buckets[next(iter(self._buckets))]
            if bucket.tokens < 1:
                raise TooManyRequests((1 - bucket.tokens) / self.rate)
            bucket.tokens -= 1


@dataclass(frozen=True)
class Limits:
    """The service's limiters, made once per app."""

    key_use: RateLimiter
    writes: RateLimiter
    failed_auth: RateLimiter
