"""Reference numbers for GPTScope's built-in model, from Hugging Face transformers.

Loads Sources/CEmbeddedData/default-model (the checkpoint folder compiled into the binary) with
GPT2LMHeadModel and its tokenizer (vocab.json + merges.txt), runs the model's example prompt and a Chinese line, and
writes Tests/GPTModelTests/Fixtures/default_model_reference.json: the token ids, the last
position's logits and top-5, the greedy continuation, and every head's previous-token and
induction score (mean attention from each scored query to its target keys, computed here from
transformers' attention weights: previous-token = queries 1…T-1 to q-1; induction = queries whose
token occurred earlier at k < q-1, to each such k+1). Re-run after retraining the model:

    python3 Tests/Scripts/default_model_reference.py
"""
import json
import pathlib

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODEL = ROOT / "Sources/CEmbeddedData/default-model"
OUT = ROOT / "Tests/GPTModelTests/Fixtures/default_model_reference.json"
PROMPTS = [
    "And God said, Let there be light: and there was light. And God said, Let there be",
    "《静夜思》\n作者：李白\n床前明月光，",
]



def targets(kind, ids):
    """(query, target keys) pairs, as GPTScope's HeadScoreKind.targets defines them."""
    if kind == "previous-token":
        return [(q, [q - 1]) for q in range(1, len(ids))]
    seen, result = {}, []
    for q, token in enumerate(ids):
        keys = [k + 1 for k in seen.get(token, []) if k + 1 < q]
        seen.setdefault(token, []).append(q)
        if keys:
            result.append((q, keys))
    return result


def score(pattern, pairs):
    """Mean over the scored queries of the attention on their target keys."""
    if not pairs:
        return 0.0
    return sum(float(pattern[q, keys].sum()) for q, keys in pairs) / len(pairs)


torch.manual_seed(0)
model = GPT2LMHeadModel.from_pretrained(MODEL, attn_implementation="eager").eval()
tokenizer = AutoTokenizer.from_pretrained(MODEL)
cases = []
with torch.no_grad():
    for prompt in PROMPTS:
        ids = tokenizer.encode(prompt)
        out = model(torch.tensor([ids]), output_attentions=True)
        logits = out.logits[0]
        patterns = [a[0] for a in out.attentions]  # L × [NH, T, T]
        last = logits[-1]
        greedy = model.generate(torch.tensor([ids]), max_new_tokens=12, do_sample=False,
                                pad_token_id=tokenizer.eos_token_id or 0)[0, len(ids):].tolist()
        cases.append({
            "prompt": prompt,
            "ids": ids,
            "last_logits": [round(float(x), 6) for x in last],
            "top5": torch.topk(last, 5).indices.tolist(),
            "greedy": greedy,
            "head_scores": {kind: [[round(score(p[h], targets(kind, ids)), 6) for h in range(p.shape[0])] for p in patterns]
                            for kind in ("previous-token", "induction")},
        })
parameters = sum(p.numel() for p in model.parameters())  # tied head counted once
OUT.write_text(json.dumps({"model": str(MODEL.relative_to(ROOT)), "parameters": parameters, "cases": cases}) + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: {[len(c['ids']) for c in cases]} tokens")
