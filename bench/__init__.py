"""Benchmarks for quitbot's two scale targets (not unit tests: nothing here asserts a time).

* `bench.planning`: plan one day of nudges for many participants with the pure planner.
* `bench.dispatch`: claim due nudges, run the real flows and send the outbox through fake
  senders, on SQLite and PostgreSQL.
* `bench.fuzz`: thousands of odd requests to every route; counts the 500s (there should be none).
* `python -m bench` (or `bench/run`) runs them all and writes `bench/results.md`.
"""
