"""The guessing throttle of the researcher secret and invitation codes."""

from __future__ import annotations

from letterkit.panel.access import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_is_locked_out_longer_and_longer_after_the_free_tries():
    clock = Clock()
    throttle = Throttle(free=3, base=2, longest=60, clock=clock)
    for _ in range(3):
        assert throttle.wait("attacker") == 0
        throttle.failed("attacker")
    assert throttle.wait("attacker") == 0  # three wrong tries are free
    throttle.failed("attacker")
    assert throttle.wait("attacker") == 2
    clock.now += 2
    throttle.failed("attacker")
    assert throttle.wait("attacker") == 4
    for _ in range(10):
        clock.now += 10
        throttle.failed("attacker")
    assert throttle.wait("attacker") == 60  # never longer than the longest lock-out
    # the researcher elsewhere is not locked out, and a right secret clears a client
    assert throttle.wait("researcher") == 0
    throttle.succeeded("attacker")
    assert throttle.wait("attacker") == 0


def test_many_clients_guessing_slow_everyone_down_but_nobody_is_shut_out():
    clock = Clock()
    throttle = Throttle(free=3, global_limit=10, global_pause=2, clock=clock)
    for n in range(11):  # eleven addresses, one wrong try each
        throttle.failed(f"10.0.0.{n}")
    assert throttle.wait("10.0.0.1") == 2
    assert throttle.wait("researcher") == 2  # a pause, not a lock-out
    clock.now += 2
    assert throttle.wait("researcher") == 0


def test_old_failures_are_forgotten():
    clock = Clock()
    throttle = Throttle(free=1, window=60, base=5, clock=clock)
    throttle.failed("a")
    throttle.failed("a")
    assert throttle.wait("a") == 5
    clock.now += 61
    assert throttle.wait("a") == 0
    throttle.failed("a")
    assert throttle.wait("a") == 0  # the old tries no longer count
