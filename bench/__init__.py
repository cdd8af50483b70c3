"""Benchmarks for quitbot's two scale targets (not unit tests: nothing here asserts a time).

* `bench.planning`: plan one day of nudges for many participants with the pure planner.
* `bench.dispatch`: claim due nudges, run the real flows and send the outbox through fake
  senders, on SQLite and PostgreSQL.
* `python -m bench` (or `bench/run`) runs both and writes `bench/results.md`.
"""
