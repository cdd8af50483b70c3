"""When things happen: the clock, and (from the nudge issue) rosters, quiet hours and the planner."""

from scheduler.clock import Clock, ManualClock, SystemClock

__all__ = ["Clock", "ManualClock", "SystemClock"]
