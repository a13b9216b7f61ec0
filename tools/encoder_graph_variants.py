#!/usr/bin/env python3
"""Which ONNX graph recipe makes the text encoder fastest, and what int8 gains over fp32.

Run by hand (an experiment, not part of the product or of the export):
    HF_HUB_OFFLINE=1 .venv/bin/python tools/encoder_graph_variants.py [--texts 2000] [--rounds 3]

Builds, in a temporary folder, the fp32 graph of tools/export_text_encoder.py under several
fusion recipes, quantises each the way the export does (dynamic, QInt8, per-channel), and
measures every variant in one process on the same batches: one intra-op thread, CPU seconds
(process time, so other load on a shared machine barely moves it), best of the rounds, batches
of 16 length-sorted Amazon Beauty titles (read from ../shared at run time). Also the golden
mean/min cosine of each variant against the reference embeddings in test/fixtures.
Results: docs/TEXT_ENCODER.md ("Graph recipes").
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers.fusion_options import FusionOptions
from onnxruntime.transformers.optimizer import optimize_model
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).parent))
import export_text_encoder as ex  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ITEMS = ROOT.parent / "shared/datasets/amazon-beauty-2014/items.tsv"
GOLDEN = ROOT / "test/fixtures/text-encoder/golden.json"

# name -> (fuse attention, approximate GELU with tanh (FastGelu))
RECIPES = {
    "shipped": (True, False),  # what models/text-encoder holds today
    "fastgelu": (True, True),
    "unfused-attention": (False, False),
    "unfused-attention+fastgelu": (False, True),
}


def optimise(raw: Path, out: Path, fuse_attention: bool, fast_gelu: bool) -> None:
    fusion = FusionOptions("bert")
    fusion.enable_skip_layer_norm = False  # slow CPU kernel here (docs/TEXT_ENCODER.md)
    fusion.enable_attention = fuse_attention
    fusion.enable_gelu_approximation = fast_gelu
    optimize_model(str(raw), model_type="bert", num_heads=12, hidden_size=384, opt_level=1, use_gpu=False,
                   optimization_options=fusion).save_model_to_file(str(out))


def fuse_offline(src: Path, out: Path) -> None:
    """ORT's extended level (DynamicQuantizeMatMul, MatMulIntegerToFloat) saved to a file, with the
    fusions the runtime avoids left off, so the product can keep loading at the basic level."""
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    so.optimized_model_filepath = str(out)
    ort.InferenceSession(str(src), so, providers=["CPUExecutionProvider"],
                         disabled_optimizers=["SkipLayerNormFusion", "AttentionFusion"])


def batches(n: int) -> list[dict[str, np.ndarray]]:
    tok = Tokenizer.from_file(str(ROOT / "models/text-encoder/tokenizer.json"))
    rows = [line.split("\t") for line in ITEMS.read_text(encoding="utf-8").split("\n")[1:]]
    titles = [r[2].strip() for r in rows if len(r) > 2 and r[2].strip()][:n]
    ids = sorted((e.ids for e in tok.encode_batch(titles)), key=len)
    out = []
    for k in range(0, len(ids), 16):
        group = ids[k:k + 16]
        width = max(map(len, group))
        x = np.zeros((len(group), width), np.int64)
        mask = np.zeros_like(x)
        for r, row in enumerate(group):
            x[r, :len(row)] = row
            mask[r, :len(row)] = 1
        out.append({"input_ids": x, "attention_mask": mask, "token_type_ids": np.zeros_like(x)})
    return out


def session(path: Path) -> ort.InferenceSession:
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def golden_cosines(sess: ort.InferenceSession) -> tuple[float, float]:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    cos = []
    for c in cases:
        x = np.array([c["tokenIds"]], np.int64)
        h = sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)})[0][0]
        v = h.mean(axis=0)
        r = np.array(c["embedding"])
        cos.append(float(v @ r / (np.linalg.norm(v) * np.linalg.norm(r))))
    return float(np.mean(cos)), float(np.min(cos))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    st = ex.SentenceTransformer(str(ex.source_pkg.get_model_path()), device="cpu")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        raw = d / "raw.onnx"
        # export_fp32 writes the raw graph, then optimises it with the shipped recipe.
        ex.export_fp32(st, raw, d / "shipped-fp32.onnx")
        paths: dict[str, Path] = {}
        for name, (fuse_attention, fast_gelu) in RECIPES.items():
            fp32 = d / f"{name}-fp32.onnx"
            if name != "shipped":
                optimise(raw, fp32, fuse_attention, fast_gelu)
            int8 = d / f"{name}-int8.onnx"
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
            fused = d / f"{name}-int8-fused.onnx"
            fuse_offline(int8, fused)
            paths[f"{name} fp32"], paths[f"{name} int8"], paths[f"{name} int8+offline"] = fp32, int8, fused
        feeds = batches(args.texts)
        sessions = {k: session(p) for k, p in paths.items()}
        best = {k: float("inf") for k in sessions}
        for _ in range(args.rounds):  # alternate the variants so a burst of load is shared
            for k, s in sessions.items():
                t = time.process_time()
                for f in feeds:
                    s.run(None, f)
                best[k] = min(best[k], time.process_time() - t)
        fastest_fp32 = min(v for k, v in best.items() if k.endswith("fp32"))
        result = {"texts": args.texts, "batches": len(feeds), "ort": ort.__version__, "variants": {}}
        for k, s in sessions.items():
            mean, worst = golden_cosines(s)
            result["variants"][k] = {"cpu_s": round(best[k], 3), "speedup_vs_fastest_fp32": round(fastest_fp32 / best[k], 3),
                                     "golden_mean_cos": round(mean, 5), "golden_min_cos": round(worst, 5)}
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
