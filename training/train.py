"""Trains the mammoterm lesion model (pure JAX + optax, CPU) on the synthetic training set.

Usage: python training/train.py [--seed 0] [--steps N] [--out DIR]
Reads the `train` set written by training/make_data.sh (preprocessed once into a cache), trains
on 256 x 256 crops of the preprocessed 512 x 416 views, and writes DIR/params.npz (weights,
batch-norm statistics) and DIR/train-log.json. Deterministic for a seed on the same machine.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=true")

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

CROP_CELLS = 32                     # 32 cells = 256 input px
CROP = CROP_CELLS * C.STRIDE


def sample_batch(rng: np.random.Generator, vs: C.ViewSet, mal_idx, ben_idx, batch: int):
    """Crops: 40% around a malignant-lesion cell, 20% around a benign-lesion cell (hard
    negatives), 40% anywhere. Random up-down mirror and a +-10% gain."""
    xs = np.empty((batch, CROP, CROP, 1), np.float32)
    ys = np.empty((batch, CROP_CELLS, CROP_CELLS, 1), np.float32)
    for i in range(batch):
        u = rng.random()
        if u < 0.4 and len(mal_idx):
            v, r, c = mal_idx[rng.integers(len(mal_idx))]
        elif u < 0.6 and len(ben_idx):
            v, r, c = ben_idx[rng.integers(len(ben_idx))]
        else:
            v = int(rng.integers(len(vs.sums)))
            r, c = int(rng.integers(C.HM_ROWS)), int(rng.integers(C.HM_COLS))
        # place the chosen cell at a random position inside the crop
        r0 = int(np.clip(r - rng.integers(2, CROP_CELLS - 2), 0, C.HM_ROWS - CROP_CELLS))
        c0 = int(np.clip(c - rng.integers(2, CROP_CELLS - 2), 0, C.HM_COLS - CROP_CELLS))
        x = C.to_input(vs.sums[v, r0 * C.STRIDE:(r0 + CROP_CELLS) * C.STRIDE, c0 * C.STRIDE:(c0 + CROP_CELLS) * C.STRIDE])
        y = vs.tmal[v, r0:r0 + CROP_CELLS, c0:c0 + CROP_CELLS].astype(np.float32)
        if rng.random() < 0.5:
            x, y = x[::-1], y[::-1]
        x = x * np.float32(rng.uniform(0.9, 1.1))
        xs[i, :, :, 0] = x
        ys[i, :, :, 0] = y
    return xs, ys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--pos-weight", type=float, default=2.0)
    ap.add_argument("--data", default=C.DEFAULT_DATA)
    ap.add_argument("--cache", default=C.DEFAULT_CACHE)
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/mammoterm-training/run"))
    ap.add_argument("--labels", help="an annotation export (mammoterm export annotations, json / vindr / coco): "
                    "the training views it covers take their lesions from it instead of the synth ground truth")
    args = ap.parse_args()

    import jax
    import jax.numpy as jnp
    import optax

    t0 = time.time()
    vs = C.ensure_cache("train", args.data, args.cache, labels_path=args.labels)
    print(f"train views: {len(vs.sums)} (cache ready in {time.time() - t0:.0f} s)", flush=True)
    mal_idx = [(int(v), int(r), int(c)) for v, r, c in zip(*np.nonzero(vs.tmal))]
    ben_idx = [(int(v), int(r), int(c)) for v, r, c in zip(*np.nonzero(vs.tben))]
    print(f"malignant cells {len(mal_idx)}, benign cells {len(ben_idx)}", flush=True)

    key = jax.random.PRNGKey(args.seed)
    key, ik = jax.random.split(key)
    params, state = C.init_params(ik)
    sched = optax.warmup_cosine_decay_schedule(0.0, args.lr, min(200, args.steps // 10), args.steps, args.lr * 0.02)
    opt = optax.adamw(sched, weight_decay=1e-4)
    opt_state = opt.init(params)
    pw = args.pos_weight

    def loss_fn(p, st, x, y, k):
        logits, new_st = C.forward(p, st, x, train=True, key=k)
        # weighted binary cross-entropy on logits
        l = pw * y * jax.nn.softplus(-logits) + (1 - y) * jax.nn.softplus(logits)
        return l.mean(), new_st

    @jax.jit
    def step(p, st, os_, x, y, k):
        (l, new_st), g = jax.value_and_grad(loss_fn, has_aux=True)(p, st, x, y, k)
        upd, os_ = opt.update(g, os_, p)
        return optax.apply_updates(p, upd), new_st, os_, l

    rng = np.random.default_rng(args.seed)
    log = []
    run = 0.0
    t1 = time.time()
    for i in range(1, args.steps + 1):
        x, y = sample_batch(rng, vs, mal_idx, ben_idx, args.batch)
        key, sk = jax.random.split(key)
        params, state, opt_state, l = step(params, state, opt_state, jnp.asarray(x), jnp.asarray(y), sk)
        run = 0.98 * run + 0.02 * float(l) if i > 1 else float(l)
        if i % 50 == 0 or i == args.steps:
            el = time.time() - t1
            print(f"step {i}/{args.steps} loss {run:.4f} {el:.0f} s ({el / i:.2f} s/step)", flush=True)
            log.append({"step": i, "loss": run, "seconds": el})
    os.makedirs(args.out, exist_ok=True)
    extra = {"seed": args.seed, "steps": args.steps, "batch": args.batch, "lr": args.lr, "pos_weight": pw,
             "crop": CROP, "train_views": int(len(vs.sums)), "train_seconds": time.time() - t1,
             "jax": jax.__version__}
    C.save_params(os.path.join(args.out, "params.npz"), params, state, extra)
    with open(os.path.join(args.out, "train-log.json"), "w") as f:
        json.dump({"args": vars(args), "extra": extra, "log": log}, f, indent=1)
    print(f"saved {args.out}/params.npz; training {time.time() - t1:.0f} s", flush=True)


if __name__ == "__main__":
    main()
