"""Exports trained weights to ONNX (opset 13) with the `onnx` package, batch-norm folded into the
convolutions, and checks the file: onnx.checker, then onnxruntime against the JAX forward pass
on real preprocessed views (max abs difference printed and stored in the run folder).

Usage: python training/export_onnx.py [--run DIR] [--out models/mammoterm-lesion-v1.onnx]
Graph: image [N,1,512,416] -> Conv/Relu x9 (two Dropout nodes) -> Conv -> Sigmoid -> heatmap
[N,1,64,52]. Ops used: Conv, Relu, Dropout, Sigmoid.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ONNX = os.path.join(HERE, "..", "models", "mammoterm-lesion-v1.onnx")


def build_model(folded, batch_dim="N"):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []
    inits.append(numpy_helper.from_array(np.array(C.DROPOUT, np.float32), "dropout_ratio"))
    cur = "image"
    for name, w, b, s, d, relu in folded:
        k = w.shape[2]
        pad = d * (k - 1) // 2
        inits.append(numpy_helper.from_array(w, f"{name}.weight"))
        inits.append(numpy_helper.from_array(b, f"{name}.bias"))
        out = f"{name}.conv"
        nodes.append(helper.make_node("Conv", [cur, f"{name}.weight", f"{name}.bias"], [out], name=f"{name}/Conv",
                                      kernel_shape=[k, k], strides=[s, s], dilations=[d, d],
                                      pads=[pad, pad, pad, pad], group=1))
        cur = out
        if relu:
            nodes.append(helper.make_node("Relu", [cur], [f"{name}.relu"], name=f"{name}/Relu"))
            cur = f"{name}.relu"
        if name in C.DROPOUT_AFTER:
            nodes.append(helper.make_node("Dropout", [cur, "dropout_ratio"], [f"{name}.dropout"],
                                          name=f"{name}/Dropout"))
            cur = f"{name}.dropout"
    nodes.append(helper.make_node("Sigmoid", [cur], ["heatmap"], name="heatmap/Sigmoid"))
    graph = helper.make_graph(
        nodes, "mammoterm_lesion_v1",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [batch_dim, 1, C.IN_ROWS, C.IN_COLS])],
        [helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, [batch_dim, 1, C.HM_ROWS, C.HM_COLS])],
        inits)
    model = helper.make_model(graph, producer_name="mammoterm-training", producer_version=C.MODEL_VERSION,
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    model.doc_string = ("mammoterm lesion model v1: malignancy heatmap (stride 8) for one preprocessed "
                        "synthetic mammography view. Demonstration on synthetic data only - not for clinical use. "
                        "See models/MODEL_CARD.md.")
    for k, v in {"model_id": C.MODEL_ID, "model_version": C.MODEL_VERSION,
                 "sidecar": "mammoterm-lesion-v1.json"}.items():
        e = model.metadata_props.add()
        e.key, e.value = k, v
    onnx.checker.check_model(model, full_check=True)
    return model


def jax_forward(params, state, x_nchw):
    import jax.numpy as jnp
    import jax
    logits, _ = C.forward({k: {kk: jnp.asarray(v) for kk, v in p.items()} for k, p in params.items()},
                          {k: {kk: jnp.asarray(v) for kk, v in p.items()} for k, p in state.items()},
                          jnp.asarray(x_nchw.transpose(0, 2, 3, 1)), train=False)
    return np.asarray(jax.nn.sigmoid(logits)).transpose(0, 3, 1, 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default=os.path.expanduser("~/.cache/mammoterm-training/run"))
    ap.add_argument("--out", default=DEFAULT_ONNX)
    ap.add_argument("--check-set", default="val", help="cached set whose first views check parity")
    ap.add_argument("--data", default=C.DEFAULT_DATA)
    ap.add_argument("--cache", default=C.DEFAULT_CACHE)
    args = ap.parse_args()
    import onnx
    import onnxruntime as ort

    params, state, extra = C.load_params(os.path.join(args.run, "params.npz"))
    model = build_model(C.fold_batchnorm(params, state))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    onnx.save(model, args.out)
    onnx.checker.check_model(args.out, full_check=True)
    size = os.path.getsize(args.out)
    print(f"wrote {args.out}: {size / 1024:.1f} KiB, {C.count_params()} parameters, opset 13", flush=True)

    vs = C.ensure_cache(args.check_set, args.data, args.cache)
    idx = list(range(0, min(len(vs.sums), 64), 8))   # 8 views
    x = np.stack([C.to_input(vs.sums[i]) for i in idx])[:, None]
    sess = ort.InferenceSession(args.out, providers=["CPUExecutionProvider"])
    y_ort = np.concatenate([sess.run(["heatmap"], {"image": x[i:i + 4]})[0] for i in range(0, len(x), 4)])
    y_jax = np.concatenate([jax_forward(params, state, x[i:i + 4]) for i in range(0, len(x), 4)])
    diff = float(np.abs(y_ort - y_jax).max())
    print(f"onnxruntime vs JAX on {len(idx)} {args.check_set} views: max abs diff {diff:.3g} "
          f"(heatmap range {y_ort.min():.3g}..{y_ort.max():.3g})", flush=True)
    with open(os.path.join(args.run, "export.json"), "w") as f:
        json.dump({"onnx": os.path.basename(args.out), "bytes": size, "parameters": C.count_params(),
                   "parity_views": len(idx), "max_abs_diff_ort_vs_jax": diff}, f, indent=1)
    if diff > 1e-4:
        sys.exit("parity check failed: onnxruntime and JAX disagree by more than 1e-4")


if __name__ == "__main__":
    main()
