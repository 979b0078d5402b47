"""Reference numbers for GPTScope's built-in model, from Hugging Face transformers.

Loads Sources/CEmbeddedData/default-model (the checkpoint folder compiled into the binary) with
GPT2LMHeadModel and its tokenizer (vocab.json + merges.txt), runs the model's example prompt and a Chinese line, and
writes Tests/GPTModelTests/Fixtures/default_model_reference.json: the token ids, the last
position's logits and top-5, and the greedy continuation. Re-run after retraining the model:

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

torch.manual_seed(0)
model = GPT2LMHeadModel.from_pretrained(MODEL, attn_implementation="eager").eval()
tokenizer = AutoTokenizer.from_pretrained(MODEL)
cases = []
with torch.no_grad():
    for prompt in PROMPTS:
        ids = tokenizer.encode(prompt)
        logits = model(torch.tensor([ids])).logits[0]
        last = logits[-1]
        greedy = model.generate(torch.tensor([ids]), max_new_tokens=12, do_sample=False,
                                pad_token_id=tokenizer.eos_token_id or 0)[0, len(ids):].tolist()
        cases.append({
            "prompt": prompt,
            "ids": ids,
            "last_logits": [round(float(x), 6) for x in last],
            "top5": torch.topk(last, 5).indices.tolist(),
            "greedy": greedy,
        })
parameters = sum(p.numel() for p in model.parameters())  # tied head counted once
OUT.write_text(json.dumps({"model": str(MODEL.relative_to(ROOT)), "parameters": parameters, "cases": cases}) + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: {[len(c['ids']) for c in cases]} tokens")
