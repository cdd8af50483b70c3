"""`python -m bot` is `quitbot`."""

from bot.cli import main

raise SystemExit(main())
