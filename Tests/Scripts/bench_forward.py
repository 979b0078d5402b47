#!/usr/bin/env python3
"""Compares GPTScope's forward pass with Hugging Face transformers on the same checkpoint.

Times transformers' GPT2LMHeadModel (eager attention, float32, with output_attentions=True and
output_hidden_states=True, its way of exposing intermediates; the same thread count) and
`gptscope bench forward --json` (which writes a GPT-2-small-shaped random checkpoint to DIR if
missing and times our forward pass with recording off and with every hook) on the same files.
The two sides alternate length by length, so that load from other processes on a shared
machine hits both columns alike; each figure is the fastest of --repeat runs after a warm-up
(the medians are printed below the table). Prints both columns, the ratio and peak memory.

  swift build -c release --product gptscope
  python3 Tests/Scripts/bench_forward.py --gptscope .build/release/gptscope --dir output/bench-gpt2
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gptscope", required=True, help="path to a release-built gptscope binary")
    parser.add_argument("--dir", default="output/bench-gpt2", help="checkpoint folder (written by gptscope if missing)")
    parser.add_argument("--lengths", default="32,128,512,1024")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generate-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads))

    def gptscope(lengths, generate_tokens):
        return json.loads(subprocess.run(
            [args.gptscope, "bench", "forward", "--dir", args.dir, "--lengths", lengths,
             "--repeat", str(args.repeat), "--generate-tokens", str(generate_tokens), "--json"],
            check=True, capture_output=True, text=True, env=env).stdout)

    # Make sure the checkpoint exists before transformers opens it.
    print(f"running {args.gptscope} bench forward (checkpoint check) …", file=sys.stderr)
    ours_peak = gptscope("1", 0)["peak_resident_bytes"]

    import torch
    from transformers import GPT2LMHeadModel
    torch.set_num_threads(args.threads)
    model = GPT2LMHeadModel.from_pretrained(args.dir, attn_implementation="eager", dtype=torch.float32).eval()
    g = torch.Generator().manual_seed(1)

    def timed(fn):
        fn()  # warm-up
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times), statistics.median(times)

    rows, medians = [], []
    for t in [int(x) for x in args.lengths.split(",")]:
        print(f"GPTScope T = {t} …", file=sys.stderr)
        ours = gptscope(str(t), 0)
        ours_peak = max(ours_peak, ours["peak_resident_bytes"])
        row = ours["forward"][0]
        ids = torch.randint(0, model.config.vocab_size, (1, t), generator=g)
        print(f"transformers T = {t} …", file=sys.stderr)
        with torch.no_grad():
            plain = timed(lambda: model(ids))
            full = timed(lambda: model(ids, output_attentions=True, output_hidden_states=True))
        rows.append((t, row["off_min_ms"], plain[0] * 1000, row["all_hooks_min_ms"], full[0] * 1000))
        medians.append((t, row["off_ms"], plain[1] * 1000, row["all_hooks_ms"], full[1] * 1000))

    print("GPTScope generation …", file=sys.stderr)
    ours = gptscope("1", args.generate_tokens)
    ours_peak = max(ours_peak, ours["peak_resident_bytes"])
    prompt = torch.randint(0, model.config.vocab_size, (1, 32), generator=g)
    print("transformers generation …", file=sys.stderr)
    with torch.no_grad():
        model.generate(prompt, max_new_tokens=4, do_sample=False, pad_token_id=0)
        start = time.perf_counter()
        model.generate(prompt, max_new_tokens=1, do_sample=False, pad_token_id=0)
        first = time.perf_counter() - start
        start = time.perf_counter()
        model.generate(prompt, max_new_tokens=args.generate_tokens, do_sample=False, pad_token_id=0)
        total = time.perf_counter() - start
    hf_tps = (args.generate_tokens - 1) / (total - first)
    hf_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    print(f"GPT-2-small shape, float32, {args.threads} threads; fastest of {args.repeat} runs after a warm-up (ms)")
    print(f"torch {torch.__version__}, transformers eager attention; ratio = GPTScope / transformers (< 1: GPTScope faster)")
    print()
    print("| T | GPTScope, recording off | transformers, plain | ratio | GPTScope, every hook | transformers, attentions + hidden states | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for t, ours_off, hf_off, ours_all, hf_all in rows:
        print(f"| {t} | {ours_off:.1f} | {hf_off:.1f} | {ours_off / hf_off:.2f} | {ours_all:.1f} | {hf_all:.1f} | {ours_all / hf_all:.2f} |")
    ours_tps = ours["generate_tokens_per_second"]
    print(f"| generation, tokens/s (KV cache) | {ours_tps:.1f} | {hf_tps:.1f} | {hf_tps / ours_tps:.2f} (time ratio) | | | |")
    print()
    print(f"peak resident memory: GPTScope {ours_peak / 1e9:.2f} GB, transformers {hf_peak / 1e9:.2f} GB")
    print()
    print("medians (ms): " + "; ".join(f"T={t}: {a:.0f}/{b:.0f} off, {c:.0f}/{d:.0f} every hook" for t, a, b, c, d in medians))


if __name__ == "__main__":
    main()
