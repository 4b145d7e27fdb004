#!/usr/bin/python3
"""Checks that the PyTorch twin (bench/pytorch_step.py) computes the same function as the SameDiff graph.

Reads what `auto-editor bench twin-export --out DIR` wrote: the Java model's initial weights by name
(weights.npz), one fixed synthetic batch (batch.npz) and the Java side's parameter count, loss parts and
global gradient norm on that batch with dropout off, equal loss weights and Huber delta 1 (java.json).
Builds the twin at the same size, copies the weights in (Java's [in, out] matrices transposed to
torch's [out, in]), runs the same batch and compares: the parameter count exactly, each loss part and
the gradient norm within a relative tolerance (float32 arithmetic in another order). Prints one JSON
line and exits 1 on any mismatch. Not a unit test: a fresh clone has no torch (bench/twin_check.sh).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_step import FrameTransformer, loss_fn  # noqa: E402


def java_name(torch_name):
    """The Java graph's variable name of a twin parameter, and whether its matrix is transposed."""
    parts = torch_name.split(".")
    if torch_name == "asset_embed.weight":
        return "asset_embedding", False
    if parts[0] in ("skip_active", "skip_asset"):
        return parts[0], False
    if parts[0] == "blocks":
        prefix, module, kind = f"block{parts[1]}_", parts[2], parts[3]
    else:
        prefix, module, kind = "", parts[0], parts[1]
    module = {"proj": "out", "norm": "final_norm"}.get(module, module)
    if module.startswith("norm") or module == "final_norm":
        return prefix + module + ("_gain" if kind == "weight" else "_bias"), False
    return prefix + module + ("_w" if kind == "weight" else "_b"), kind == "weight"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="the folder `auto-editor bench twin-export --out` wrote")
    p.add_argument("--rtol", type=float, default=1e-4, help="relative tolerance of loss parts and gradient norm")
    args = p.parse_args()

    java = json.load(open(os.path.join(args.dir, "java.json")))
    weights = np.load(os.path.join(args.dir, "weights.npz"))
    batch = np.load(os.path.join(args.dir, "batch.npz"))
    torch.manual_seed(0)
    model = FrameTransformer(java["model.d_model"], java["model.heads"], java["model.layers"], java["model.ff"],
                             java["model.asset_classes"], java["model.asset_embedding"], java["length"],
                             java["model.dropout"])
    model.eval()  # dropout off, as on the Java side
    used = set()
    with torch.no_grad():
        for name, param in model.named_parameters():
            jname, transposed = java_name(name)
            value = torch.from_numpy(np.array(weights[jname]))
            if transposed:
                value = value.T
            if tuple(value.shape) != tuple(param.shape):
                sys.exit(f"{name} <- {jname}: shape {tuple(value.shape)} vs {tuple(param.shape)}")
            param.copy_(value)
            used.add(jname)
    unused = sorted(set(weights.files) - used)

    tensors = (torch.from_numpy(np.array(batch["active"])), torch.from_numpy(np.array(batch["asset"])).long(),
               torch.from_numpy(np.array(batch["regression"])), torch.from_numpy(np.array(batch["valid"])))
    total, l_active, l_asset, l_reg = loss_fn(model, tensors, huber_delta=1.0, parts=True)
    total.backward()
    grad_norm = torch.sqrt(sum((q.grad.double() ** 2).sum() for q in model.parameters())).item()

    torch_params = sum(q.numel() for q in model.parameters())
    ours = {"loss": total.item(), "loss_active": l_active.item(), "loss_asset": l_asset.item(),
            "loss_regression": l_reg.item(), "gradient_norm": grad_norm}
    theirs = dict(java["loss"], gradient_norm=java["gradient_norm"])
    rel = {k: abs(ours[k] - theirs[k]) / max(abs(theirs[k]), 1e-12) for k in ours}
    ok = torch_params == java["parameters"] and not unused and all(r <= args.rtol for r in rel.values())
    print(json.dumps({
        "ok": ok,
        "parameters": {"pytorch": torch_params, "dl4j": java["parameters"]},
        "unused_java_weights": unused,
        "pytorch": {k: round(v, 7) for k, v in ours.items()},
        "dl4j": {k: round(v, 7) for k, v in theirs.items()},
        "relative_difference": {k: float(f"{v:.3g}") for k, v in rel.items()},
        "rtol": args.rtol,
        "torch": torch.__version__,
    }))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
