"""Regenerate messages.pot from messages/catalog.py and bring the .po files up to date.

Usage: python scripts/catalogs.py [--check]
  English (en_GB) msgstrs always equal the source text; Welsh (cy) keeps its translations,
  and new or changed messages are left empty (changed ones marked fuzzy) for a translator.
  --check exits 1 if anything would change (CI runs it through the test suite).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from messages import catalog as source  # noqa: E402
from messages.render import LOCALE_DIR, LOCALES  # noqa: E402

HEADERS = {
    "en_GB": "nplurals=2; plural=(n != 1);",
    # Pinned explicitly: Babel's Welsh plural rule differs between releases (Babel is pinned too).
    "cy": "nplurals=5; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0);",
}


def messages() -> list[source.Message]:
    """Every message declared in the catalog, in source order."""
    return [v for v in vars(source).values() if isinstance(v, source.Message)]


def template() -> Catalog:
    """The .pot catalog."""
    pot = Catalog(project="quitbot", version="1", copyright_holder="quitbot", fuzzy=False)
    for msg in messages():
        pot.add(msg.text, context=msg.key, locations=[("messages/catalog.py", 0)])
    return pot


def render(catalog: Catalog) -> bytes:
    """The .po/.pot bytes, stable between runs (no dates, no line numbers)."""
    out = io.BytesIO()
    write_po(out, catalog, width=99, omit_header=False, no_location=True, sort_output=False)
    lines = [
        line
        for line in out.getvalue().decode().splitlines(keepends=True)
        if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By'))
    ]
    return "".join(lines).encode()


def updated(locale: str) -> Catalog:
    """The catalog for `locale` brought up to date with the source (a template of its own:
    `Catalog.update` shares message objects with the template it is given)."""
    pot = template()
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    if path.exists():
        with path.open("rb") as handle:
            po = read_po(handle, locale=locale)
    else:
        po = Catalog(locale=locale, project="quitbot", version="1")
    po.update(pot, no_fuzzy_matching=True)
    po.obsolete.clear()
    po.fuzzy = False
    po.mime_headers = [(k, v) for k, v in po.mime_headers if k not in ("Plural-Forms",)] + [
        ("Plural-Forms", HEADERS[locale])
    ]
    if locale == "en_GB":
        for entry in po:
            if entry.id:
                entry.string = entry.id
                entry.flags.discard("fuzzy")
    return po


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the .pot and .po files."""
    check = "--check" in argv
    pot = template()
    outputs = {LOCALE_DIR / "messages.pot": render(pot)}
    for locale in LOCALES:
        outputs[LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"] = render(updated(locale))
    stale = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(outputs[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
