"""What quitbot says, in every language it speaks.

Kept empty on purpose: importing `messages.catalog` must never pull in Babel.
"""

__all__: list[str] = []
