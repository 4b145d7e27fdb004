#!/usr/bin/python3
"""Times one training step of a PyTorch model equivalent to auto-editor's SameDiff transformer.

The model mirrors the SameDiff graph (dev.autoeditor.model.TransformerGraph) at the reference size (the
`full` profile's model: d_model 256, 8 heads, 3 layers, ff 768, 8 asset classes, 16-wide asset embedding;
bench/twin_check.py checks that both sides compute the same function):
per frame, each of the 20 tracks contributes its active flag, a learned embedding of its relabelled
asset class (inactive = its own row) and its 7 normalised regression fields; the 20 x (1 + E + 7) track features
go through one linear map to d_model, a fixed sinusoidal position encoding is added, then N pre-norm
blocks (separate q, k, v and output projections, causal attention with an additive padding bias,
feed-forward with GELU (ND4J's sigmoid form), dropout after attention and after feed-forward, residuals), a final layer norm
and three linear heads per frame: every track's active logit, asset logits and 7 regressions. Loss =
active BCE + asset cross-entropy (where the target is active) + Huber (delta 1) on the regressions
(where the target is active), masked by padding, each part averaged over what it counts. A step is
forward, loss, backward, gradient clipping (global norm 1.0) and an AdamW update: the work the DL4J
step does. Frames 0..T-2 are inputs and frames 1..T-1 targets, as in the Java trainer.

Thread settings are the caller's: torch.set_num_threads and set_num_interop_threads come from the
flags; OMP_NUM_THREADS and OPENBLAS_NUM_THREADS must be set in the environment before Python starts
(bench/run_pytorch.sh sweeps them). Prints one JSON line with the median and every step time.

Use Debian's interpreter and torch: /usr/bin/python3 (apt-get install python3-torch
libopenblas0-pthread); without libopenblas0-pthread Debian's torch falls back to the reference BLAS.
"""
import argparse
import json
import math
import os
import platform
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

TRACKS = 20
REGRESSIONS = 7


def gelu_sigmoid(x):
    """ND4J's gelu op (SameDiff's sd.nn.gelu) is the sigmoid approximation x * sigmoid(1.702 x), not the
    erf form of F.gelu; bench/twin_check.py found the difference (gradient norms 7e-4 apart with F.gelu,
    1e-5 with this)."""
    return x * torch.sigmoid(1.702 * x)


GELU = {"sigmoid": gelu_sigmoid, "erf": F.gelu}


def sinusoidal(length, d):
    """The fixed encoding the Java side feeds: sin at even, cos at odd dimensions."""
    pos = torch.arange(length, dtype=torch.float32)[:, None]
    i = torch.arange(0, d, 2, dtype=torch.float32)[None, :]
    angle = pos / torch.pow(10000.0, i / d)
    enc = torch.zeros(length, d)
    enc[:, 0::2] = torch.sin(angle)
    enc[:, 1::2] = torch.cos(angle[:, : d // 2])
    return enc


class Block(nn.Module):
    def __init__(self, d_model, heads, ff, dropout, gelu="sigmoid"):
        super().__init__()
        self.heads = heads
        self.gelu = GELU[gelu]
        self.norm1 = nn.LayerNorm(d_model, eps=1e-5)
        self.q = nn.Linear(d_model, d_model)
        self.k = nn.Linear(d_model, d_model)
        self.v = nn.Linear(d_model, d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.norm2 = nn.LayerNorm(d_model, eps=1e-5)
        self.ff1 = nn.Linear(d_model, ff)
        self.ff2 = nn.Linear(ff, d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, t, d = x.shape
        h = self.norm1(x)
        q, k, v = self.q(h), self.k(h), self.v(h)
        # [B, H, T, dh]: the same hand-written attention the SameDiff graph uses.
        q = q.view(b, t, self.heads, -1).transpose(1, 2)
        k = k.view(b, t, self.heads, -1).transpose(1, 2)
        v = v.view(b, t, self.heads, -1).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]) + bias
        att = torch.softmax(scores, dim=-1) @ v
        x = x + self.drop(self.proj(att.transpose(1, 2).reshape(b, t, d)))
        x = x + self.drop(self.ff2(self.gelu(self.ff1(self.norm2(x)))))
        return x


class FrameTransformer(nn.Module):
    def __init__(self, d_model, heads, layers, ff, classes, asset_embedding, max_len, dropout, gelu="sigmoid"):
        super().__init__()
        self.classes = classes
        # Rows 0..classes-1 are the relabelled asset classes, row `classes` is "inactive".
        self.asset_embed = nn.Embedding(classes + 1, asset_embedding)
        self.input = nn.Linear(TRACKS * (1 + asset_embedding + REGRESSIONS), d_model)
        self.register_buffer("position", sinusoidal(max_len, d_model))
        self.blocks = nn.ModuleList(Block(d_model, heads, ff, dropout, gelu) for _ in range(layers))
        self.norm = nn.LayerNorm(d_model, eps=1e-5)
        self.head_active = nn.Linear(d_model, TRACKS)
        self.head_asset = nn.Linear(d_model, TRACKS * classes)
        self.head_regression = nn.Linear(d_model, TRACKS * REGRESSIONS)
        # Persistence skips, as in the SameDiff graph: frame t's state feeds the heads directly.
        self.skip_active = nn.Parameter(torch.full((TRACKS,), 4.0))
        self.skip_asset = nn.Parameter(torch.full((1,), 4.0))
        self.head_change = nn.Linear(d_model, TRACKS)
        self.head_motion = nn.Linear(d_model, TRACKS)

    def forward(self, active, asset, regression, valid):
        b, t, _ = active.shape
        emb = self.asset_embed(torch.where(asset < 0, torch.full_like(asset, self.classes), asset))  # [B, T, K, E]
        feats = torch.cat([active.unsqueeze(-1), emb, regression], dim=-1).reshape(b, t, -1)
        x = self.input(feats) + self.position[:t]
        causal = torch.triu(torch.full((t, t), -1e9), diagonal=1)
        padding = (1.0 - valid)[:, None, None, :] * -1e9
        bias = causal[None, None] + padding
        for block in self.blocks:
            x = block(x, bias)
        h = self.norm(x)
        act_logit = self.head_active(h) + self.skip_active * (2 * active - 1)
        current = F.one_hot(torch.where(asset < 0, torch.full_like(asset, self.classes), asset), self.classes + 1)
        asset_logits = self.head_asset(h).view(b, t, TRACKS, self.classes) + self.skip_asset * current[..., :self.classes]
        gate = torch.sigmoid(self.head_change(h) - 4.0).unsqueeze(-1)
        # Motion carry: frame t minus t-1 where the track shows the same clip in both, else 0.
        same = (active[:, 1:] > 0) & (active[:, :-1] > 0) & (asset[:, 1:] == asset[:, :-1])
        velocity = torch.zeros_like(regression)
        velocity[:, 1:] = (regression[:, 1:] - regression[:, :-1]) * same.unsqueeze(-1) * (valid[:, 1:] * valid[:, :-1])[..., None, None]
        carry = torch.sigmoid(self.head_motion(h)).unsqueeze(-1)
        reg = regression + gate * self.head_regression(h).view(b, t, TRACKS, REGRESSIONS) + carry * velocity
        return act_logit, asset_logits, reg


def loss_fn(model, batch, huber_delta=1.0, parts=False):
    """The total loss, or with parts=True (total, active, asset, regression) as the Java side names them."""
    active, asset, regression, valid = batch
    act_logit, asset_logits, reg = model(active[:, :-1], asset[:, :-1], regression[:, :-1], valid[:, :-1])
    # Frame t predicts frame t+1; a position counts when both frames are real.
    frame_mask = valid[:, :-1] * valid[:, 1:]
    t_active, t_asset, t_reg = active[:, 1:], asset[:, 1:], regression[:, 1:]
    track_mask = frame_mask[..., None].expand_as(t_active)
    target_mask = track_mask * t_active
    bce = F.binary_cross_entropy_with_logits(act_logit, t_active, reduction="none")
    l_active = (bce * track_mask).sum() / track_mask.sum().clamp(min=1)
    ce = F.cross_entropy(asset_logits.reshape(-1, asset_logits.shape[-1]), t_asset.clamp(min=0).reshape(-1),
                         reduction="none").view_as(t_active)
    l_asset = (ce * target_mask).sum() / target_mask.sum().clamp(min=1)
    hub = F.huber_loss(reg, t_reg, reduction="none", delta=huber_delta).mean(-1)
    l_reg = (hub * target_mask).sum() / target_mask.sum().clamp(min=1)
    total = l_active + l_asset + l_reg
    return (total, l_active, l_asset, l_reg) if parts else total


def synthetic_batch(batch, length, classes, generator):
    """Random but well-formed windows: about 30% of track-frames active, the last 10% of frames padding."""
    active = (torch.rand(batch, length, TRACKS, generator=generator) < 0.3).float()
    asset = torch.randint(0, classes, (batch, length, TRACKS), generator=generator)
    asset = torch.where(active > 0, asset, torch.full_like(asset, -1))
    regression = torch.randn(batch, length, TRACKS, REGRESSIONS, generator=generator) * active[..., None]
    valid = torch.ones(batch, length)
    valid[:, int(length * 0.9):] = 0
    return active, asset, regression, valid


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--ff", type=int, default=768)
    p.add_argument("--classes", type=int, default=8)
    p.add_argument("--asset-embedding", type=int, default=16)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--length", type=int, default=100)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--gelu", choices=sorted(GELU), default="sigmoid",
                   help="sigmoid: x * sigmoid(1.702 x), what the Java graph computes (default); erf: F.gelu")
    p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads; 0 = leave torch's default")
    p.add_argument("--interop", type=int, default=0, help="torch.set_num_interop_threads; 0 = leave the default")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.interop > 0:
        torch.set_num_interop_threads(args.interop)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    model = FrameTransformer(args.d_model, args.heads, args.layers, args.ff, args.classes,
                             args.asset_embedding, args.length, args.dropout, args.gelu)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    batch = synthetic_batch(args.batch, args.length, args.classes, gen)

    times = []
    losses = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model, batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        elapsed = (time.perf_counter() - start) * 1000.0
        losses.append(loss.item())
        if i >= args.warmup:
            times.append(elapsed)
        print(f"step {i + 1}: {elapsed:.1f} ms, loss {losses[-1]:.4f}", file=sys.stderr)

    print(json.dumps({
        "framework": "pytorch",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "parameters": params,
        "batch": args.batch, "length": args.length, "d_model": args.d_model, "heads": args.heads,
        "layers": args.layers, "ff": args.ff, "asset_embedding": args.asset_embedding, "gelu": args.gelu,
        "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", ""),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", ""),
        "warmup": args.warmup, "steps": args.steps,
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "step_ms": [round(t, 1) for t in times],
        "first_loss": round(losses[0], 4), "last_loss": round(losses[-1], 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "load_average": os.getloadavg()[0],
    }))


if __name__ == "__main__":
    main()
