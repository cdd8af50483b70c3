"""The console tests' world: two providers, their advisors and participants."""

from tests.bot.console.world import ann, lee, sam, world

__all__ = ["ann", "lee", "sam", "world"]
