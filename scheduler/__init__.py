"""When things happen: the clock, shift rosters, quiet hours, the nudge planner and the ticker.

Only `scheduler.ticker` imports APScheduler; import it directly where it is needed.
"""

from scheduler.clock import Clock, ManualClock, SystemClock
from scheduler.planner import QuietHours, Slot, plan_moment
from scheduler.roster import PRESETS, Roster, Shift, ShiftKind, cycle, shift_on

__all__ = [
    "PRESETS",
    "Clock",
    "ManualClock",
    "QuietHours",
    "Roster",
    "Shift",
    "ShiftKind",
    "Slot",
    "SystemClock",
    "cycle",
    "plan_moment",
    "shift_on",
]
