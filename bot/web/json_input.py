"""Reading a JSON request body at the edge: plain JSON only, or a ValueError that says why."""

from __future__ import annotations

import json
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_json(body: bytes) -> Any:
    """The JSON value in `body`.

    Raises ValueError (with a message fit for a 400) for anything else: bad UTF-8, bad syntax,
    NaN or Infinity (Python accepts them; JSON, Telegram and the database do not), and nesting
    too deep to read.
    """
    try:
        return json.loads(body, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("not JSON: nested too deeply") from None
    except UnicodeDecodeError:
        raise ValueError("not JSON: not UTF-8 text") from None
    except ValueError as error:
        raise ValueError(f"not JSON: {error}") from None
