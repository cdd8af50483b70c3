"""The console tests' world: two providers, their advisors and participants."""

from tests.bot.console.ledger_world import advisor, books, cara, lead, south_lead
from tests.bot.console.world import ann, lee, sam, world

__all__ = ["advisor", "ann", "books", "cara", "lead", "lee", "sam", "south_lead", "world"]
