#!/usr/bin/env python3
"""Times `gptscope report` against matplotlib drawing the same figures from the same tensors.

1. Tokenizes a fixed English passage with `gptscope tokenize` and keeps its first --tokens ids.
2. Times `gptscope report --formats png` on --model (end to end: load the checkpoint, run and
   record the forward pass, draw every figure, write PNGs, tensors, summary and page), best of
   --repeat runs. The report's tensors.safetensors and summary.json are kept.
3. Times this script in `--draw` mode in a fresh Python process (end to end: start Python,
   import numpy/matplotlib/safetensors, load the saved tensors, compute what the figures need —
   rollout, head scores, norms, similarities — and draw the same set of figures with
   matplotlib: same kinds, same sizes in points, same PNG resolution), best of --repeat runs.
   matplotlib does not run the model: it gets the recorded activations for free.
4. Also times `gptscope report --skip experiments`: matplotlib has no version of the experiment
   figures (hundreds of ablated and patched forward passes), so that is the like-for-like figure set.
5. Prints the times and the ratios (goal: GPTScope at least 10x faster), then times the
   whole-model attention grid alone at --grid-tokens positions (PNG; goal under 1 s) from a
   second report's per-figure timings (summary.json "seconds": build + png), beside matplotlib's
   time for the same figure.

  swift build -c release --scratch-path .build-tok-rel --product gptscope
  python3 Tests/Scripts/matplotlib_report_bench.py --gptscope .build-tok-rel/release/gptscope
"""
import argparse
import json
import os
import subprocess
import sys
import time

PASSAGE = (
    "The quick brown fox jumps over the lazy dog. When Mary and John went to the store, John gave a drink "
    "to Mary. Attention lets every token look back at the tokens before it, and the model learns which ones "
    "matter for predicting what comes next in the sentence, one token at a time. A transformer stacks many "
    "such layers; each adds what its heads and its MLP found to the residual stream, and the last layer's "
    "output is turned into a probability for every token in the vocabulary. Teachers draw these pictures on "
    "slides, and students study them to see how a language model reads a sentence from left to right, "
    "building up meaning one position at a time until the final prediction appears."
)


def tokenize(gptscope, count):
    out = subprocess.run([gptscope, "tokenize", PASSAGE, "--json"], check=True, capture_output=True, text=True).stdout
    ids = json.loads(out)["ids"]
    if len(ids) < count:
        sys.exit(f"the passage has only {len(ids)} tokens; ask for at most that many")
    return ids[:count]


def run_report(gptscope, model, ids, out, extra=()):
    start = time.perf_counter()
    subprocess.run([gptscope, "report", "--model", model, "--ids", ",".join(map(str, ids)), "--out", out,
                    "--formats", "png", *extra], check=True, capture_output=True)
    return time.perf_counter() - start


def run_matplotlib(report, out, only=None):
    command = [sys.executable, os.path.abspath(__file__), "--draw", report, out]
    if only:
        command += ["--only", only]
    start = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, result.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gptscope", default=".build-tok-rel/release/gptscope", help="release-built gptscope binary")
    parser.add_argument("--model", default="output/bench-gpt2", help="GPT-2-small-shaped checkpoint folder")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--grid-tokens", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default="output/bench-report")
    parser.add_argument("--draw", nargs=2, metavar=("REPORT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.draw:
        import matplotlib_report_figures as figures  # noqa: E402 (imports matplotlib: timed by the caller)
        count = figures.draw_report(args.draw[0], args.draw[1], only=args.only)
        print(f"{count} figures drawn by matplotlib")
        return

    ids = tokenize(args.gptscope, max(args.tokens, args.grid_tokens))
    report = os.path.join(args.out, "gptscope")
    drawn = os.path.join(args.out, "matplotlib")
    same = os.path.join(args.out, "gptscope-no-experiments")
    # Alternate the sides so a change in the shared machine's load hits all alike.
    ours, ours_same, theirs = [], [], []
    for _ in range(args.repeat):
        ours.append(run_report(args.gptscope, args.model, ids[:args.tokens], report))
        ours_same.append(run_report(args.gptscope, args.model, ids[:args.tokens], same, ("--skip", "experiments")))
        theirs.append(run_matplotlib(report, drawn))
    with open(os.path.join(report, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(same, "summary.json")) as f:
        same_count = len(json.load(f)["figures"])
    figure_count = len(summary["figures"])
    best_ours, best_same, best_theirs = min(ours), min(ours_same), min(t for t, _ in theirs)
    runs = lambda times: ", ".join(f"{t:.2f}" for t in times)
    print(f"Report of {args.model}, T = {args.tokens}, {figure_count} figures, PNG at scale {summary['scale']}:")
    print(f"  matplotlib, the figures it has versions of, from the saved tensors (end to end) {best_theirs:7.2f} s  (runs: "
          + runs(t for t, _ in theirs) + f"; {theirs[0][1]})")
    print(f"  gptscope report --skip experiments ({same_count} figures; matplotlib has no version of the experiments) "
          f"{best_same:7.2f} s  (runs: {runs(ours_same)})")
    print(f"  ratio matplotlib / gptscope, the same figures: {best_theirs / best_same:.1f}x (goal: at least 10x)")
    print(f"  gptscope report, every figure (load + forward + draw + write, end to end)  {best_ours:7.2f} s  (runs: {runs(ours)})")
    print(f"  ratio matplotlib / gptscope, gptscope also running the experiments: {best_theirs / best_ours:.1f}x")
    seconds = lambda f: f["seconds"].get("build", 0) + f["seconds"].get("png", 0)
    drawing = sum(seconds(f) for f in summary["figures"])
    experiments = sum(seconds(f) for f in summary["figures"] if f["stem"].startswith("experiments."))
    # Figures are drawn on several threads at once, so this sum can exceed the wall time.
    print(f"  (gptscope's figure jobs, summed over its worker threads: {drawing:.2f} s, of which the experiments' "
          f"ablation and patching sweeps {experiments:.2f} s; wall {best_ours:.2f} s)")

    grid_report = os.path.join(args.out, f"gptscope-T{args.grid_tokens}")
    grid_times = []
    for _ in range(args.repeat):
        run_report(args.gptscope, args.model, ids[:args.grid_tokens], grid_report)
        with open(os.path.join(grid_report, "summary.json")) as f:
            record = next(f for f in json.load(f)["figures"] if f["stem"] == "attention.model")
        grid_times.append(record["seconds"]["build"] + record["seconds"]["png"])
    mpl_grid = min(run_matplotlib(grid_report, os.path.join(args.out, f"matplotlib-T{args.grid_tokens}"),
                                  only="attention.model")[0] for _ in range(args.repeat))
    print(f"Whole-model attention grid (12 layers x 12 heads), T = {args.grid_tokens}, PNG:")
    print(f"  gptscope build + PNG encode  {min(grid_times):.3f} s (goal: under 1 s; runs: "
          + ", ".join(f"{t:.3f}" for t in grid_times) + ")")
    print(f"  matplotlib (end to end, this figure only)  {mpl_grid:.3f} s")


if __name__ == "__main__":
    main()
