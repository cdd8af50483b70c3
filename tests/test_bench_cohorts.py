"""The ingress benchmark's people (bench/wire.py `Cohorts`): each says their things in order,
a whole step apart, and after the warm-up every stretch of the load is the same mix."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from bench import wire


def test_each_person_says_their_things_in_order_a_step_apart_and_every_step_is_the_same_mix() -> (
    None
):
    cohorts = wire.Cohorts(size=5, stay=12)
    said = [s for step in cohorts.ramp() for s in step] + cohorts.timed(0, cohorts.people * 4)
    numbers = [n for n, _, _ in said]
    assert len(set(numbers)) == len(numbers)  # each request its own provider id

    where: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for index, (_, sender, position) in enumerate(said):
        where[sender].append((index, position))
    for sender, seen in where.items():
        positions = [p for _, p in seen]
        assert positions == list(range(len(positions))), sender  # from "hi", none skipped
        assert len(positions) <= cohorts.stay
        gaps = [b - a for (a, _), (b, _) in itertools.pairwise(seen)]
        assert all(gap >= 5 for gap in gaps), sender  # never two of theirs side by side

    for step in range(4):
        window = cohorts.timed(step * cohorts.people, cohorts.people)
        assert Counter(p for _, _, p in window) == {p: 5 for p in range(12)}
        assert len({s for _, s, _ in window}) == cohorts.people
