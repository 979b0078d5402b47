#!/usr/bin/env python3
"""Reference numbers for the layer figures (residual-stream norms, logit lens, next-token
probabilities), computed with Hugging Face transformers from the GPTModel fixture checkpoints.

For each fixture model and its fixture prompt (the `input_ids` in expected.safetensors' metadata):
- the residual stream entering every block (blocks.i.hook_resid_pre, captured with a forward
  pre-hook on block i) and leaving the last block (blocks.{L-1}.hook_resid_post, a forward hook),
- each one's L2 norm per position,
- the logit lens: each stream through the final LayerNorm (GPT-2's ln_f; GPT-1 has none, so the
  raw stream) and the output head, softmax; the top-3 token ids and probabilities per position,
- the model's own next-token distribution (top-10 at the last position), which must equal the
  lens of the final stream.

Run from the repository root:  python3 Tests/Scripts/logit_lens_reference.py
Writes Tests/VisualizationsTests/Fixtures/logit_lens.json.
"""
import base64
import json
import os

import torch
from safetensors import safe_open
from transformers import AutoModelForCausalLM

HERE = os.path.dirname(__file__)
MODELS = os.path.join(HERE, "..", "GPTModelTests", "Fixtures", "models")
OUT = os.path.join(HERE, "..", "VisualizationsTests", "Fixtures", "logit_lens.json")
RANKS = os.path.join(HERE, "..", "..", "Sources", "CEmbeddedData", "gpt2.tiktoken")


def gpt2_token_bytes():
    """id -> bytes from GPT-2's rank file (the same ranks tiktoken's gpt2 encoding uses)."""
    table = {}
    with open(RANKS) as f:
        for line in f:
            token, rank = line.split()
            table[int(rank)] = base64.b64decode(token)
    return table


def reference(name):
    folder = os.path.join(MODELS, name)
    with safe_open(os.path.join(folder, "expected.safetensors"), "np") as f:
        ids = json.loads(f.metadata()["input_ids"])
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    blocks = model.transformer.h
    streams = {}
    handles = []
    for i, block in enumerate(blocks):
        def pre(_m, args, kwargs, i=i):
            x = args[0] if args else kwargs["hidden_states"]
            streams[i] = x[0].detach().clone()
        handles.append(block.register_forward_pre_hook(pre, with_kwargs=True))
    last = len(blocks) - 1

    def post(_m, _inputs, output):
        out = output[0] if isinstance(output, (tuple, list)) else output
        streams[len(blocks)] = out[0].detach().clone()
    handles.append(blocks[last].register_forward_hook(post))
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0]
    for h in handles:
        h.remove()

    ln_f = getattr(model.transformer, "ln_f", None)
    stages = []
    with torch.no_grad():
        for s in range(len(blocks) + 1):
            x = streams[s]                                   # [T, C]
            normed = ln_f(x) if ln_f is not None else x
            probs = torch.softmax(model.lm_head(normed).double(), dim=-1)   # [T, V]
            top = torch.topk(probs, 3, dim=-1)
            stages.append({
                "hook": f"blocks.{s}.hook_resid_pre" if s < len(blocks) else f"blocks.{last}.hook_resid_post",
                "norm": [float(v) for v in x.double().norm(dim=-1)],
                "top_ids": top.indices.tolist(),
                "top_probs": top.values.tolist(),
            })
        final = torch.softmax(logits.double(), dim=-1)
        # The lens of the last stream is the model's own prediction.
        lens_last = torch.softmax(model.lm_head(ln_f(streams[len(blocks)]) if ln_f is not None else streams[len(blocks)]).double(), -1)
        assert torch.allclose(lens_last, final, atol=1e-6)
        top = torch.topk(final[-1], 10)
    result = {
        "model": name,
        "has_final_norm": ln_f is not None,
        "input_ids": ids,
        "stages": stages,
        "next_token": {"position": len(ids) - 1, "ids": top.indices.tolist(), "probs": top.values.tolist()},
    }
    if model.config.vocab_size == 50257:
        # The tokens' bytes, so tests can check labels without a tokenizer of their own.
        table = gpt2_token_bytes()
        result["next_token"]["bytes"] = [list(table[i]) for i in top.indices.tolist()]
    return result


def main():
    result = {
        "source": "Tests/Scripts/logit_lens_reference.py (Hugging Face transformers, float32 forward, float64 softmax)",
        "models": [reference(n) for n in ["gpt2-fullvocab", "gpt2-untied", "gpt1-tiny"]],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
