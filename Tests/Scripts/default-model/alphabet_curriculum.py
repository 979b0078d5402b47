#!/usr/bin/env python3
"""The experiment behind `gptscope train --repeat-alphabet` (issue 16), in PyTorch, one CPU thread.

A 2-layer attention-only transformer (width 128, 4 heads, learned positions, context 128) is
trained on windows of Zipf-distributed tokens (a stand-in for text) over a vocabulary of 2,048,
each window given a span of L random tokens written twice (L uniform in 8..64). Every 100 steps
it prints the loss on a probe of 40 random tokens written twice and the best head's induction
score (mean attention from each token of the second copy to the token after its earlier
occurrence) and previous-token score (on the training distribution):

    python3 alphabet_curriculum.py --alphabet 0                          # spans from all 2,048 tokens
    python3 alphabet_curriculum.py --alphabet 64                         # spans from 64 tokens, always
    python3 alphabet_curriculum.py --alphabet 64 --grow 1500 --every 400 # 64, doubling from step 1500
    python3 alphabet_curriculum.py --tied --grow 0                       # head tied to the token table
    python3 alphabet_curriculum.py --grow 0 --init-std 0.02              # GPT-2's initialization

What we measured with this script (seed 0, batch 16, Adam 1e-3, one thread, about 16 minutes):
- 64 tokens doubling every 400 steps from step 1,500 (the defaults): the second copy's loss on
  the 64 tokens fell from 4.15 at step 700 to 0.05 at step 1,400 (a phase change; induction 0.93),
  but on tokens outside them induction stayed 0.02; as the alphabet grew it followed (0.75 at
  step 2,800 with 1,024 tokens), and at step 3,300, with the whole vocabulary since 3,100,
  induction on 40 tokens drawn from the whole vocabulary was 0.97, their second copy's loss 0.18,
  previous-token attention 0.85;
- `--alphabet 0` (all 2,048 tokens from the start), in the same model (an earlier version of this
  script with the same data): after 3,000 steps (6.1 M tokens) the second copy's loss was 7.64
  (ln 2,048 = 7.62), induction 0.02-0.03, previous-token 0.21: nothing formed.
- `--tied --grow 0` (the output head is the token table, as in GPT-2; 64 tokens throughout):
  at step 2,000 the second copy's loss on the 64 tokens was still 4.13 (ln 64 = 4.16), induction
  0.03, previous-token 0.15: nothing formed where the untied model had by step 1,400. Variants of
  this script with windows of the built-in model's corpus instead of Zipf tokens agreed: untied,
  formed by step 1,500-1,700 (also with 4 layers, and with AdamW at 2e-3, weight decay 0.1,
  warm-up and cosine decay as `gptscope train`); tied, none by step 2,000-2,200 (with either
  optimizer). So the built-in model's recipe trains an untied head.
- `--grow 0 --init-std 0.02` (GPT-2's initialization, as `gptscope train` starts a model: matrices
  N(0, 0.02), the output projection N(0, 0.01), biases 0) instead of PyTorch's defaults (uniform,
  standard deviation 1/sqrt(3 * 128) = 0.051 for these matrices): at step 2,000 the second copy's
  loss was still 4.14, induction 0.04, previous-token 0.10. With `--init-std 0.05` (the same
  scheme, 2.5 times larger) the head formed as with PyTorch's: 3.93 at step 1,000, 2.70 at 1,200,
  0.08 at 1,400 (induction 0.90), 0.02 at 1,800 (0.99). In the corpus-text variant, 0.05 on the
  output projection alone (the rest at 0.02) had not formed it by step 1,600 (4.09), 0.05 on the
  rest with the output projection at 0.025 formed it by 1,500. Hence `gptscope train --init-std`.
  Other scales (`--grow 0 --steps 1600`): 0.03, nothing by step 1,600 (4.19); 0.1, 3.36 at step
  1,400 and 0.62 at 1,600 (induction 0.57): later than 0.05, so larger is not simply faster.
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn as nn

p = argparse.ArgumentParser()
p.add_argument("--V", type=int, default=2048)
p.add_argument("--T", type=int, default=128)
p.add_argument("--d", type=int, default=128)
p.add_argument("--H", type=int, default=4)
p.add_argument("--B", type=int, default=16)
p.add_argument("--lr", type=float, default=1e-3)
p.add_argument("--steps", type=int, default=4000)
p.add_argument("--alphabet", type=int, default=64, help="tokens the spans draw from at first (0: all)")
p.add_argument("--grow", type=int, default=1500, help="step of the first doubling (0: never)")
p.add_argument("--every", type=int, default=400, help="steps between doublings")
p.add_argument("--tied", action="store_true", help="the output head is the token table (as GPT-2 ties it)")
p.add_argument("--init-std", type=float, default=0, help="GPT-2's initialization with this std instead of PyTorch's "
               "defaults: matrices N(0, S), the output projection N(0, S/sqrt(4)), linear biases 0 (0: PyTorch's)")
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(0)
rng = np.random.default_rng(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln = nn.LayerNorm(a.d)
        self.qkv = nn.Linear(a.d, 3 * a.d)
        self.o = nn.Linear(a.d, a.d)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(self.ln(x)).split(C, -1)  # [B, T, C] each
        q, k, v = [t.view(B, T, a.H, C // a.H).transpose(1, 2) for t in (q, k, v)]  # [B, H, T, hs]
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(C // a.H)  # [B, H, T, T]
        self.pattern = scores.masked_fill(torch.triu(torch.ones(T, T), 1).bool(), -1e9).softmax(-1)
        return x + self.o((self.pattern @ v).transpose(1, 2).reshape(B, T, C))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(a.V, a.d), nn.Embedding(a.T, a.d)
        nn.init.normal_(self.wte.weight, std=0.02)
        nn.init.normal_(self.wpe.weight, std=0.02)
        self.blocks = nn.ModuleList([Block(), Block()])
        self.lnf, self.head = nn.LayerNorm(a.d), nn.Linear(a.d, a.V)
        if a.tied:
            self.head.weight = self.wte.weight
        if a.init_std > 0:  # as `gptscope train --init-std S` starts a GPT-2 (the tables keep 0.02)
            for name, w in self.named_parameters():
                if name.startswith(("wte", "wpe", "lnf")) or ".ln." in name:
                    continue
                if w.dim() == 1:
                    nn.init.zeros_(w)
                else:
                    nn.init.normal_(w, std=a.init_std / (math.sqrt(2 * len(self.blocks)) if name.endswith("o.weight") else 1))

    def forward(self, ids):
        h = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.blocks:
            h = block(h)
        return self.head(self.lnf(h))


model = Model()
optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.0)
order = np.random.default_rng(5).permutation(a.V)  # the alphabet of n tokens is order[:n]
zipf = 1.0 / np.arange(1, a.V + 1)
zipf /= zipf.sum()


def alphabet(step):
    if a.alphabet == 0:
        return order
    doublings = 0 if a.grow == 0 or step < a.grow else (step - a.grow) // a.every + 1
    return order[:min(a.V, a.alphabet * 2 ** doublings)]


def batch(step):
    x = rng.choice(a.V, size=(a.B, a.T + 1), p=zipf)
    pool = alphabet(step)
    for b in range(a.B):
        L = rng.integers(8, (a.T + 1) // 2 + 1)
        o = rng.integers(0, a.T + 1 - 2 * L + 1)
        span = rng.choice(pool, size=L, replace=len(pool) < L)
        x[b, o:o + L] = span
        x[b, o + L:o + 2 * L] = span
    return torch.tensor(x)


R = 40
g = np.random.default_rng(1)
probes = {"alphabet": g.choice(order[:max(a.alphabet, R)], size=R, replace=False), "all": g.integers(0, a.V, size=R)}
started = time.time()
for step in range(a.steps + 1):
    if step % 100 == 0:
        line = []
        with torch.no_grad():
            for name, r in probes.items():
                ids = torch.tensor(np.concatenate([[0], r, r])[None])
                loss = nn.functional.cross_entropy(model(ids)[0, R + 1:-1], ids[0, R + 2:]).item()
                t = torch.arange(1 + R, 1 + 2 * R)  # the second copy; token t repeats t - R
                score = max(float(b.pattern[0, h, t, t - R + 1].mean()) for b in model.blocks for h in range(a.H))
                line.append(f"{name}: second-copy loss {loss:.2f} induction {score:.2f}")
            model(batch(step)[:, :a.T])
            prev = max(float(b.pattern[:, h, torch.arange(1, a.T), torch.arange(0, a.T - 1)].mean())
                       for b in model.blocks for h in range(a.H))
        print(f"step {step} ({time.time() - started:.0f} s, {step * a.B * a.T / 1e6:.1f} M tokens, alphabet "
              f"{len(alphabet(step))}) previous-token {prev:.2f} | " + " | ".join(line), flush=True)
    x = batch(step)
    loss = nn.functional.cross_entropy(model(x[:, :-1]).reshape(-1, a.V), x[:, 1:].reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
