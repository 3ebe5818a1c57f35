"""What the generated-input tests share (test_fuzz_posts, test_fuzz_queries): how many examples (`make fuzz`
runs 10,000, `make test` 100 to keep the loop short) and hypothesis's settings for cases that share one world per
test."""

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))

fuzzed = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
