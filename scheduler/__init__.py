"""When things happen: the clock and the ticker (rosters, quiet hours and the planner to come)."""

from scheduler.clock import Clock, ManualClock, SystemClock

__all__ = ["Clock", "ManualClock", "SystemClock"]
