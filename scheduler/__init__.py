"""When things happen: the clock, shift rosters, quiet hours, the nudge planner and the ticker.

Only `scheduler.ticker` imports APScheduler; import it directly where it is needed.
"""

from scheduler.clock import Clock, ManualClock, SystemClock
from scheduler.planner import Slot, plan_moment
from scheduler.roster import Shift, shift_on

__all__ = [
    "Clock",
    "ManualClock",
    "Shift",
    "Slot",
    "SystemClock",
    "plan_moment",
    "shift_on",
]
