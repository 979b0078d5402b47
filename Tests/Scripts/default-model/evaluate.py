#!/usr/bin/env python3
"""Scores a GPT-2 checkpoint folder against the built-in model's targets (issue 16), with
Hugging Face transformers only, so the numbers are independent of GPTScope's own code:

    python3 Tests/Scripts/default-model/evaluate.py MODEL_DIR [--corpus output/corpus] [--json OUT]

- previous-token score of every head: mean attention from each token to the one before it, over
  ordinary English the model never saw (heldout.json's "english", written for this file);
- induction score of every head: mean attention from each token of the second copy of 40 random
  tokens (uniform over the vocabulary, <|endoftext|> first, 20 seeded draws) to the token after
  its earlier occurrence;
- mean next-token loss on that English, on heldout.json's modern Chinese sentences, and (with
  --corpus) on the corpus' held-out files, each beside ln V and the unigram baseline: the loss
  of predicting every token by its frequency in corpus.txt (add-one smoothed).

Targets: a head with previous-token score ≥ 0.6; a head with induction score ≥ 0.4; English loss
≤ 0.62 ln V; Chinese loss ≤ 0.65 ln V. Exit status 1 if one is missed.
"""
import argparse
import collections
import json
import math
import pathlib
import sys

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel

HERE = pathlib.Path(__file__).resolve().parent
REPEAT, DRAWS = 40, 20


def windows(ids, context):
    """Consecutive windows of at most `context` tokens covering `ids`."""
    return [ids[i:i + context] for i in range(0, len(ids) - 1, context) if len(ids[i:i + context]) > 1]


def run(model, ids):
    with torch.no_grad():
        out = model(torch.tensor([ids]), output_attentions=True)
    return out.logits[0], [a[0] for a in out.attentions]  # [T, V], L × [NH, T, T]


def loss_of(model, ids, context):
    total, count = 0.0, 0
    for window in windows(ids, context):
        logits, _ = run(model, window)
        total += torch.nn.functional.cross_entropy(logits[:-1], torch.tensor(window[1:]), reduction="sum").item()
        count += len(window) - 1
    return total / count


def unigram_loss(counts, vocabulary, ids):
    total = sum(counts.values()) + vocabulary
    return -sum(math.log((counts.get(i, 0) + 1) / total) for i in ids[1:]) / (len(ids) - 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--corpus", help="folder written by prepare_corpus.py (for the unigram baseline and held-out files)")
    parser.add_argument("--json", help="write the numbers here")
    args = parser.parse_args()

    model = GPT2LMHeadModel.from_pretrained(args.model, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    config = model.config
    vocabulary, context = config.vocab_size, config.n_positions
    eot = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    texts = json.loads((HERE / "heldout.json").read_text(encoding="utf-8"))

    # Previous-token scores over the English text.
    english = tokenizer.encode(texts["english"])
    sums, positions = torch.zeros(config.n_layer, config.n_head), 0
    for window in windows(english, context):
        _, attentions = run(model, window)
        for layer, pattern in enumerate(attentions):  # [NH, T, T]
            sums[layer] += pattern.diagonal(offset=-1, dim1=1, dim2=2).sum(dim=1)
        positions += len(window) - 1
    previous = sums / positions

    # Induction scores on <eot> + 40 random tokens + the same 40 again.
    generator = torch.Generator().manual_seed(0)
    ordinary = torch.tensor([i for i in range(vocabulary) if i != eot])
    sums = torch.zeros(config.n_layer, config.n_head)
    second_copy_loss = 0.0
    for _ in range(DRAWS):
        random = ordinary[torch.randint(len(ordinary), (REPEAT,), generator=generator)].tolist()
        ids = [eot] + random + random
        logits, attentions = run(model, ids)
        second = range(1 + REPEAT, 1 + 2 * REPEAT)  # positions of the second copy
        for layer, pattern in enumerate(attentions):
            # Token at t repeats the one at t - REPEAT; the token after that is at t - REPEAT + 1.
            sums[layer] += torch.stack([pattern[:, t, t - REPEAT + 1] for t in second]).mean(dim=0)
        second_copy_loss += torch.nn.functional.cross_entropy(
            logits[1 + REPEAT:-1], torch.tensor(ids[2 + REPEAT:])).item()
    induction = sums / DRAWS

    counts = None
    if args.corpus:
        corpus = pathlib.Path(args.corpus)
        counts = collections.Counter()
        text = (corpus / "corpus.txt").read_text(encoding="utf-8")
        for document in text.split("<|endoftext|>"):
            counts.update(tokenizer.encode(document))
    ln_v = math.log(vocabulary)
    losses = {}
    samples = {"english": english, "chinese": tokenizer.encode(texts["chinese"])}
    if args.corpus:
        for name in ["heldout-en.txt", "heldout-zh.txt"]:
            raw = (pathlib.Path(args.corpus) / name).read_text(encoding="utf-8")
            # The first 40,000 characters, enough for a stable mean and a quick run.
            samples[name] = [t for d in raw[:40_000].split("<|endoftext|>") for t in tokenizer.encode(d) + [eot]][:-1]
    for name, ids in samples.items():
        losses[name] = {"tokens": len(ids), "loss": loss_of(model, ids, context), "ratio_to_ln_V": None,
                        "unigram": unigram_loss(counts, vocabulary, ids) if counts else None}
        losses[name]["ratio_to_ln_V"] = losses[name]["loss"] / ln_v

    best_prev = divmod(int(previous.argmax()), config.n_head)
    best_ind = divmod(int(induction.argmax()), config.n_head)
    result = {
        "model": args.model, "vocab_size": vocabulary, "ln_V": ln_v,
        "previous_token": {"best_head": list(best_prev), "score": float(previous.max()),
                           "chance": float(sum(1 / (t + 1) for w in windows(english, context) for t in range(1, len(w)))
                                           / sum(len(w) - 1 for w in windows(english, context))),
                           "all": [[round(float(x), 4) for x in row] for row in previous]},
        "induction": {"best_head": list(best_ind), "score": float(induction.max()),
                      "chance": float(sum(1 / (t + 1) for t in range(1 + REPEAT, 1 + 2 * REPEAT)) / REPEAT),
                      "second_copy_loss": second_copy_loss / DRAWS,
                      "all": [[round(float(x), 4) for x in row] for row in induction]},
        "losses": losses,
    }
    checks = {
        "previous-token head >= 0.6": result["previous_token"]["score"] >= 0.6,
        "induction head >= 0.4": result["induction"]["score"] >= 0.4,
        "English loss <= 0.62 ln V": losses["english"]["loss"] <= 0.62 * ln_v,
        "Chinese loss <= 0.65 ln V": losses["chinese"]["loss"] <= 0.65 * ln_v,
    }
    result["targets_met"] = checks
    print(f"{args.model}: V = {vocabulary}, ln V = {ln_v:.3f}")
    print(f"previous-token: best L{best_prev[0]}H{best_prev[1]} {result['previous_token']['score']:.3f} "
          f"(chance {result['previous_token']['chance']:.3f})")
    print(f"induction: best L{best_ind[0]}H{best_ind[1]} {result['induction']['score']:.3f} "
          f"(chance {result['induction']['chance']:.3f}); loss on the second copy {result['induction']['second_copy_loss']:.3f}")
    for name, entry in losses.items():
        unigram = f", unigram {entry['unigram']:.3f}" if entry["unigram"] is not None else ""
        print(f"loss {name}: {entry['loss']:.3f} nats over {entry['tokens']} tokens = {entry['ratio_to_ln_V']:.3f} ln V{unigram}")
    for name, ok in checks.items():
        print(f"  {'met' if ok else 'MISSED'}: {name}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
