import pytest

from bot.pacing import TokenBucket


def test_a_burst_goes_at_once_then_sends_are_spaced_at_the_rate() -> None:
    bucket = TokenBucket(rate=30, burst=30)
    delays = [bucket.delay(now=100.0) for _ in range(31)]
    assert delays[:30] == [0.0] * 30
    assert delays[30] == pytest.approx(1 / 30)


def test_tokens_come_back_with_time_but_never_above_the_burst() -> None:
    bucket = TokenBucket(rate=1, burst=2)
    assert [bucket.delay(now=0.0) for _ in range(3)] == [0.0, 0.0, pytest.approx(1.0)]
    assert bucket.delay(now=10.0) == 0.0  # refilled, but only to 2
    assert bucket.delay(now=10.0) == 0.0
    assert bucket.delay(now=10.0) == pytest.approx(1.0)


def test_a_thousand_messages_at_30_a_second_take_about_33_seconds() -> None:
    bucket = TokenBucket(rate=30, burst=30)
    now, waited = 0.0, 0.0
    for _ in range(1000):
        pause = bucket.delay(now)
        now += pause
        waited += pause
    assert waited == pytest.approx((1000 - 30) / 30, rel=0.01)
