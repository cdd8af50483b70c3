"""The numpy sentence model gives the published model's vectors (reference vectors made with
sentence-transformers and torch, in tests/bot/data/minilm_reference.json)."""

import json
from pathlib import Path

import numpy as np
import pytest

from bot.sentence_model import SentenceModel, default_model_dir

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    folder = default_model_dir()
    assert folder is not None, "the sentence model is not installed (scripts/_venv.sh)"
    return SentenceModel(folder)


def test_vectors_match_the_published_model(model: SentenceModel) -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    ours = model.embed(reference["texts"])
    theirs = np.array(reference["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (4, 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(1).min() > 0.9999  # the same direction, to rounding
    assert np.abs(ours - theirs).max() < 1e-4


def test_alike_meanings_are_nearer_than_unrelated_ones(model: SentenceModel) -> None:
    a, b, c = model.embed(
        [
            "I took all my tablets an hour ago",
            "swallowed the whole packet of pills",
            "roast dinner",
        ]
    )
    assert a @ b > a @ c + 0.3


def test_a_batch_gives_each_text_the_vector_it_gets_alone(model: SentenceModel) -> None:
    texts = ["ok", "night shift again and craving like mad " * 3, "dw i wedi blino"]
    together = model.embed(texts)
    alone = np.stack([model.embed([t])[0] for t in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_a_weights_file_that_is_not_the_published_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the model")
    with pytest.raises(ValueError, match="not the published"):
        SentenceModel(tmp_path)
