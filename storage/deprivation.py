"""Postcode -> small area (LSOA) -> IMD decile, from lookup files the operator supplies.

Three kinds of file, told apart by their header row (docs/deprivation.md names the sources):
- the ONS Postcode Directory (ONSPD) or NSPL CSV: `pcds` (or pcd/pcd7/pcd8), `doterm`,
  `lsoa11`/`lsoa11cd`, `lsoa21`/`lsoa21cd`;
- the English Indices of Deprivation file 7 CSV: `LSOA code (2011)` (IoD2019) or
  `LSOA code (2021)` (IoD2025) and the IMD decile column;
- the Welsh Index of Multiple Deprivation CSV: an `LSOA code` column and a WIMD decile (or,
  failing that, a WIMD rank, turned into deciles).
Every value is stored with its edition; a newer file replaces what an older one said.
A postcode not in the directory, or terminated, is unknown: never guessed.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from storage.ledger_tables import AreaDeprivation, PostcodeArea

BATCH = 5000
IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile"


class BadLookupFile(ValueError):
    """A lookup file quitbot cannot read (the message names the file, line and problem)."""


def normalise(postcode: str) -> str:
    """A postcode as stored: upper case, no spaces."""
    return re.sub(r"\s+", "", postcode).upper()


def deciles_for(*, session: Session, postcodes: Iterable[str]) -> dict[str, tuple[int, str]]:
    """(decile, edition) for each known, live postcode (normalised); unknown ones are left out.

    The 2021 small areas (IoD2025) are used where that index is loaded, else the 2011 ones
    (IoD2019, WIMD 2019)."""
    wanted = sorted({normalise(p) for p in postcodes if p})
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        areas = list(
            session.exec(
                select(PostcodeArea).where(
                    col(PostcodeArea.postcode).in_(chunk), col(PostcodeArea.terminated).is_(False)
                )
            )
        )
        codes = {a.lsoa11 for a in areas} | {a.lsoa21 for a in areas}
        codes.discard("")
        if not codes:
            continue
        index = {
            (row.lsoa, row.geography): (row.decile, row.edition)
            for row in session.exec(
                select(AreaDeprivation).where(col(AreaDeprivation.lsoa).in_(sorted(codes)))
            )
        }
        for area in areas:
            value = index.get((area.lsoa21, "2021")) or index.get((area.lsoa11, "2011"))
            if value is not None:
                found[area.postcode] = value
    return found


def decile_of(*, session: Session, postcode: str | None) -> tuple[int, str] | None:
    """One postcode's (decile, edition), or None when unknown."""
    if not postcode:
        return None
    return deciles_for(session=session, postcodes=[postcode]).get(normalise(postcode))


# --- loading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one file loaded."""

    kind: str  # "postcodes", "IoD2019", "IoD2025", "WIMD2019"
    rows: int
    skipped: int


def kind_of(header: list[str]) -> str:
    """Which lookup a header row belongs to; BadLookupFile if none."""
    names = {h.strip().lower() for h in header}
    if names & {"pcds", "pcd", "pcd7", "pcd8"}:
        return "postcodes"
    if "lsoa code (2011)" in names and any(IMD_DECILE.lower() in n for n in names):
        return "IoD2019"
    if "lsoa code (2021)" in names and any(IMD_DECILE.lower() in n for n in names):
        return "IoD2025"
    if any("wimd" in n for n in names) and any(n.startswith("lsoa code") for n in names):
        return "WIMD" + (_year(header) or "")
    raise BadLookupFile(
        "line 1: not an ONS postcode directory, IoD file 7 or WIMD header "
        "(see docs/deprivation.md)"
    )


def load_file(
    *,
    session: Session,
    path: Path,
    edition: str | None = None,
    progress: Callable[[int], None] = lambda _done: None,
) -> Loaded:
    """Load one lookup file (replacing that edition's earlier rows); `progress` is called with
    the bytes read so far."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(_counting(handle, progress))
        try:
            header = next(reader)
        except StopIteration:
            raise BadLookupFile(f"{path.name}: line 1: the file is empty") from None
        kind = kind_of(header)
        if kind == "postcodes":
            return _postcodes(session, reader, header, edition or path.stem, path.name)
        return _deprivation(session, reader, header, kind, path.name)


def _postcodes(
    session: Session, reader: Iterator[list[str]], header: list[str], edition: str, name: str
) -> Loaded:
    at = {h.strip().lower(): i for i, h in enumerate(header)}
    code = next(at[k] for k in ("pcds", "pcd", "pcd7", "pcd8") if k in at)
    term = at.get("doterm")
    lsoa11 = at.get("lsoa11", at.get("lsoa11cd"))
    lsoa21 = at.get("lsoa21", at.get("lsoa21cd"))
    if lsoa11 is None and lsoa21 is None:
        raise BadLookupFile(f"{name}: line 1: no lsoa11 or lsoa21 column")
    rows, skipped, batch = 0, 0, []
    for line, row in enumerate(reader, 2):
        if len(row) < len(header):
            if not any(row):
                continue
            raise BadLookupFile(
                f"{name}: line {line}: {len(row)} columns, the header has {len(header)}"
            )
        postcode = normalise(row[code])
        if not postcode:
            skipped += 1
            continue
        batch.append(
            {
                "postcode": postcode[:8],
                "lsoa11": row[lsoa11].strip()[:9] if lsoa11 is not None else "",
                "lsoa21": row[lsoa21].strip()[:9] if lsoa21 is not None else "",
                "terminated": bool(term is not None and row[term].strip()),
                "edition": edition[:60],
            }
        )
        if len(batch) >= BATCH:
            rows, batch = rows + _replace(session, batch), []
    rows += _replace(session, batch)
    return Loaded("postcodes", rows, skipped)


def _replace(session: Session, batch: list[dict[str, object]]) -> int:
    """Store postcodes, replacing what an earlier edition said about them."""
    if not batch:
        return 0
    unique = list({str(row["postcode"]): row for row in batch}.values())
    session.execute(
        delete(PostcodeArea).where(col(PostcodeArea.postcode).in_([r["postcode"] for r in unique]))
    )
    session.execute(insert(PostcodeArea), unique)
    return len(unique)


def _deprivation(
    session: Session, reader: Iterator[list[str]], header: list[str], kind: str, name: str
) -> Loaded:
    lower = [h.strip().lower() for h in header]
    if kind.startswith("IoD"):
        geography = "2011" if kind == "IoD2019" else "2021"
        nation = "england"
        code = lower.index(f"lsoa code ({geography})")
        decile = next(i for i, h in enumerate(lower) if IMD_DECILE.lower() in h)
        use_rank = False
    else:
        geography, nation = "2011", "wales"
        code = next(i for i, h in enumerate(lower) if h.startswith("lsoa code"))
        deciles = [i for i, h in enumerate(lower) if "wimd" in h and "decile" in h]
        ranks = [i for i, h in enumerate(lower) if "wimd" in h and "rank" in h]
        if not deciles and not ranks:
            raise BadLookupFile(f"{name}: line 1: no WIMD decile or rank column")
        use_rank = not deciles
        decile = deciles[0] if deciles else ranks[0]
    values: list[tuple[str, int]] = []
    for line, row in enumerate(reader, 2):
        if not any(row):
            continue
        try:
            values.append((row[code].strip(), int(row[decile].strip())))
        except (IndexError, ValueError):
            raise BadLookupFile(
                f"{name}: line {line}: no LSOA code and whole-number decile"
            ) from None
    if use_rank:
        count = len(values)
        values = [(lsoa, max(1, math.ceil(rank * 10 / count))) for lsoa, rank in values]
    for line, (_lsoa, value) in enumerate(values, 2):
        if not 1 <= value <= 10:
            raise BadLookupFile(f"{name}: line {line}: decile {value} is not 1 to 10")
    session.execute(
        delete(AreaDeprivation).where(
            col(AreaDeprivation.nation) == nation, col(AreaDeprivation.geography) == geography
        )
    )
    rows = [
        {
            "lsoa": lsoa[:9],
            "geography": geography,
            "decile": value,
            "nation": nation,
            "edition": kind,
        }
        for lsoa, value in values
    ]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(AreaDeprivation), rows[start : start + BATCH])
    return Loaded(kind, len(rows), 0)


def _year(header: list[str]) -> str | None:
    for name in header:
        found = re.search(r"wimd\s*(\d{4})", name, re.IGNORECASE)
        if found:
            return found.group(1)
    return None


def _counting(handle: TextIO, progress: Callable[[int], None]) -> Iterator[str]:
    done = 0
    for number, line in enumerate(handle):
        done += len(line)
        if number % 2000 == 0:
            progress(done)
        yield line
    progress(done)
