"""The one Hypothesis profile of the hardening tests: derandomized and bounded, so a run is the
same run on every machine, and short enough for every `make test`."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
HARDENING = settings.get_profile("hardening")
"""Apply to a test (`@HARDENING`), or derive from it: `settings(HARDENING, max_examples=50)`."""
