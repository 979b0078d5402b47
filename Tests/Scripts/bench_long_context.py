#!/usr/bin/env python3
"""Long contexts against transformers, side by side in one run (issues #18 and #13 item 6).

For each case, both sides run on the same random checkpoint (made here with transformers,
seeded, saved with save_pretrained) and the same token ids:

- whole process: `gptscope run --model DIR --ids ... --hooks H --json` against a Python child that
  imports torch, loads the model, runs one forward pass with output_attentions=True and
  output_hidden_states=True (eager attention, float32, same thread count) and exits; wall time
  and peak resident memory of each child (os.wait4's ru_maxrss), median of --repeat processes;
- in process: `gptscope bench forward --json` (median of --repeat runs after a warm-up, every
  hook) against the same forward in a Python child, timed after a warm-up, median of --repeat;
  --rounds such pairs of processes in turn, the median over rounds (noise on a shared machine
  comes in bursts of seconds, which one long process per side takes whole);
- generation (SmolLM2 shape): greedy, KV cache, tokens/s after the first token, gptscope bench
  forward's generation against model.generate.

Cases: GPT-2 small every hook at T = 32, 128, 512, 1,024 (targets: time ≤ 0.6×, peak memory
≤ 0.8× transformers'); `gptscope report` at T = 1,024 (peak ≤ 1.5 GB, tensors file ≤ 150 MB); `gptscope run --hooks '*'` at T = 128 whole process (≤ 0.35 s);
SmolLM2-135M shape (hidden 576, 30 layers, 9 heads, 3 kv heads, MLP 1,536, vocabulary 49,152,
tied, rope_theta 100,000) at T = 128 and 1,024 every hook (≤ 0.8× time, ≤ 1× memory) and its
generation (≥ transformers' tokens/s); with --xl, GPT-2 XL shape (1.56B parameters, a 6.2 GB
random checkpoint written on first use) at T = 1,024 with every attention pattern recorded
(≤ 0.6× time; peak memory stated). It also measures the sgemm peak of this machine through
numpy's OpenBLAS (2·n³ FLOPs per n × n product) to state the distance to the physical limit.

Prints a markdown table with the ratios (GPTScope / transformers; < 1 means GPTScope is faster
or smaller), the CPU model and thread count, and writes every figure to --json.
Run it on an otherwise idle machine:

  swift build -c release --product gptscope
  python3 Tests/Scripts/bench_long_context.py --gptscope .build/release/gptscope --out output/bench-long --xl
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

SHAPES = {
    "gpt2-small": dict(family="gpt2", n_embd=768, n_layer=12, n_head=12, n_positions=1024, vocab_size=50257),
    "gpt2-xl": dict(family="gpt2", n_embd=1600, n_layer=48, n_head=25, n_positions=1024, vocab_size=50257),
    "smollm2-135m": dict(family="llama", hidden_size=576, num_hidden_layers=30, num_attention_heads=9,
                         num_key_value_heads=3, intermediate_size=1536, vocab_size=49152, tie_word_embeddings=True,
                         rope_theta=100000.0, max_position_embeddings=8192, rms_norm_eps=1e-5),
}


def build_model(shape):
    """A transformers model of `shape` with seeded random weights (eager attention, float32)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM
    torch.manual_seed(0)
    spec = dict(SHAPES[shape])
    family = spec.pop("family")
    if family == "gpt2":
        return GPT2LMHeadModel(GPT2Config(**spec, attn_implementation="eager"))
    return LlamaForCausalLM(LlamaConfig(**spec, attn_implementation="eager"))


def ensure_checkpoint(out, shape):
    folder = os.path.join(out, shape)
    if not os.path.exists(os.path.join(folder, "config.json")):
        print(f"writing a random {shape} checkpoint to {folder} …", file=sys.stderr)
        # In a child process: a parent that imported torch would pass its resident memory on to
        # every later child through fork, and ru_maxrss would report it as theirs.
        subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import bench_long_context as b; "
                        "b.build_model(sys.argv[2]).save_pretrained(sys.argv[3], safe_serialization=True)",
                        os.path.dirname(os.path.abspath(__file__)), shape, folder], check=True)
    return folder


def hf_child(args):
    """Child process: load, run --repeat timed forwards (after a warm-up unless --repeat is 0), print JSON."""
    import torch
    from transformers import AutoModelForCausalLM
    torch.set_num_threads(args.threads)
    model = AutoModelForCausalLM.from_pretrained(args.child_dir, attn_implementation="eager", dtype=torch.float32).eval()
    ids = torch.tensor([[int(x) for x in args.child_ids.split(",")]])
    result = {}
    with torch.no_grad():
        def forward():
            return model(ids, output_attentions=True, output_hidden_states=True)
        if args.child_repeat == 0:
            forward()
        else:
            forward()
            times = []
            for _ in range(args.child_repeat):
                start = time.perf_counter()
                forward()
                times.append(time.perf_counter() - start)
            result["forward_ms"] = statistics.median(times) * 1000
        if args.child_generate:
            prompt = ids[:, :32]
            kw = dict(do_sample=False, pad_token_id=0)
            model.generate(prompt, max_new_tokens=4, **kw)
            start = time.perf_counter()
            model.generate(prompt, max_new_tokens=1, **kw)
            first = time.perf_counter() - start
            start = time.perf_counter()
            model.generate(prompt, max_new_tokens=args.child_generate, min_new_tokens=args.child_generate, **kw)
            result["tokens_per_second"] = (args.child_generate - 1) / (time.perf_counter() - start - first)
    print(json.dumps(result))


def measured(command, env):
    """(wall seconds, peak resident bytes, stdout) of one process, via os.wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} … failed with exit code {process.returncode}")
    return wall, usage.ru_maxrss * 1024, stdout.decode()


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def sgemm_peak(threads, n=2048, repeat=10):
    """GFLOP/s of numpy's float32 matmul (OpenBLAS sgemm), best of `repeat`: the machine's practical FMA peak."""
    import numpy as np
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    b = a.T.copy()
    a @ b
    best = min(_time(lambda: a @ b) for _ in range(repeat))
    return 2 * n ** 3 / best / 1e9


def _time(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gptscope", help="path to a release-built gptscope binary")
    parser.add_argument("--out", default="output/bench-long", help="folder for the random checkpoints and the JSON")
    parser.add_argument("--repeat", type=int, default=3, help="processes / timed runs per figure (median; at least 3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="in-process figures: pairs of processes (GPTScope, transformers) taken in turn, so a change in the "
                             "shared machine's load hits both sides; each runs --repeat timed passes, the figure is the median "
                             "over rounds of each process's median")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--generate-tokens", type=int, default=64)
    parser.add_argument("--xl", action="store_true", help="also GPT-2 XL shape at T = 1,024 (writes a 6.2 GB checkpoint; ~20 GB peak)")
    parser.add_argument("--only", help="comma-separated case names to run (gpt2-small, gpt2-run, smollm2, generation, report, xl)")
    parser.add_argument("--json", dest="json_path", help="where to write the figures (default OUT/results.json)")
    parser.add_argument("--child-dir", help=argparse.SUPPRESS)
    parser.add_argument("--child-ids", help=argparse.SUPPRESS)
    parser.add_argument("--child-repeat", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--child-generate", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_dir:
        return hf_child(args)
    if not args.gptscope:
        parser.error("--gptscope is required (a release build: swift build -c release --product gptscope)")
    if args.repeat < 3:
        parser.error("--repeat must be at least 3 (figures are medians)")

    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))
    only = set(args.only.split(",")) if args.only else {"gpt2-small", "gpt2-run", "smollm2", "generation", "report"} | ({"xl"} if args.xl else set())
    os.makedirs(args.out, exist_ok=True)
    import random
    rng = random.Random(1)

    def ids(t, vocab):
        return ",".join(str(rng.randrange(vocab)) for _ in range(t))

    def hf_command(folder, token_ids, repeat=0, generate=0):
        return [sys.executable, os.path.abspath(__file__), "--threads", str(args.threads), "--child-dir", folder,
                "--child-ids", token_ids, "--child-repeat", str(repeat), "--child-generate", str(generate)]

    def whole_process(folder, t, vocab, hooks):
        """Medians of --repeat whole processes on each side, alternating so machine load hits both."""
        token_ids = ids(t, vocab)
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(measured([args.gptscope, "run", "--model", folder, "--ids", token_ids, "--hooks", hooks,
                                  "--max-cache", str(1 << 20), "--json"], env)[:2])
            theirs.append(measured(hf_command(folder, token_ids), env)[:2])
        return dict(gptscope_s=statistics.median(w for w, _ in ours), transformers_s=statistics.median(w for w, _ in theirs),
                    gptscope_peak_bytes=max(m for _, m in ours), transformers_peak_bytes=max(m for _, m in theirs))

    def in_process(folder, t, vocab, generate=0):
        """One process per side; with generate 0, --rounds pairs of processes taken in turn."""
        token_ids = ids(max(t, 32), vocab)          # generation reads the first 32 as its prompt
        hf_ids = ",".join(token_ids.split(",")[:t])
        rounds = 1 if generate else args.rounds
        ours, theirs = [], []
        for _ in range(rounds):
            ours.append(json.loads(measured([args.gptscope, "bench", "forward", "--dir", folder, "--lengths", str(t),
                                             "--repeat", str(args.repeat), "--generate-tokens", str(generate), "--json"], env)[2]))
            theirs.append(json.loads(measured(hf_command(folder, hf_ids if not generate else token_ids,
                                                         repeat=args.repeat, generate=generate), env)[2]))
        return ours, theirs

    print(f"CPU: {cpu_model()}, {args.threads} threads", file=sys.stderr)
    results = dict(cpu=cpu_model(), threads=args.threads, python=platform.python_version(), cases=[])
    from importlib.metadata import version   # not importing torch here keeps this parent small (see ensure_checkpoint)
    results["torch"], results["transformers"] = version("torch"), version("transformers")
    results["sgemm_peak_gflops"] = sgemm_peak(args.threads)

    def case(name, shape, t, hooks, target_time, target_memory, in_proc=True):
        folder = ensure_checkpoint(args.out, shape)
        vocab = SHAPES[shape]["vocab_size"]
        print(f"{name}, T = {t} …", file=sys.stderr)
        row = dict(case=name, shape=shape, tokens=t, hooks=hooks, target_time_ratio=target_time, target_memory_ratio=target_memory)
        row.update(whole_process(folder, t, vocab, hooks))
        if in_proc:
            ours, theirs = in_process(folder, t, vocab)
            # Each process's median of --repeat runs; the figure is the median over the rounds.
            row["gptscope_in_process_rounds_ms"] = [o["forward"][0]["all_hooks_ms"] for o in ours]
            row["transformers_in_process_rounds_ms"] = [h["forward_ms"] for h in theirs]
            row["gptscope_in_process_ms"] = statistics.median(row["gptscope_in_process_rounds_ms"])
            row["transformers_in_process_ms"] = statistics.median(row["transformers_in_process_rounds_ms"])
        results["cases"].append(row)

    if "gpt2-small" in only:
        for t in (32, 128, 512, 1024):
            case("GPT-2 small, every hook", "gpt2-small", t, "*", 0.6, 0.8)
    if "gpt2-run" in only:
        case("gptscope run --hooks '*' (whole process ≤ 0.35 s)", "gpt2-small", 128, "*", None, None, in_proc=False)
    if "smollm2" in only:
        for t in (128, 1024):
            case("SmolLM2-135M shape, every hook", "smollm2-135m", t, "*", 0.8, 1.0)
    if "generation" in only:
        folder = ensure_checkpoint(args.out, "smollm2-135m")
        print("SmolLM2-135M shape, generation …", file=sys.stderr)
        (ours,), (theirs,) = in_process(folder, 32, SHAPES["smollm2-135m"]["vocab_size"], generate=args.generate_tokens)
        results["generation"] = dict(shape="smollm2-135m", prompt=32, tokens=args.generate_tokens,
                                     gptscope_tokens_per_second=ours["generate_tokens_per_second"],
                                     transformers_tokens_per_second=theirs["tokens_per_second"])
    if "report" in only:
        # The report's own targets: peak memory and the tensors file (default --tensors figures), one run each.
        folder = ensure_checkpoint(args.out, "gpt2-small")
        print("gptscope report, GPT-2 small, T = 1024 …", file=sys.stderr)
        out = os.path.join(args.out, "report-1024")
        wall, peak, _ = measured([args.gptscope, "report", "--model", folder, "--ids", ids(1024, SHAPES["gpt2-small"]["vocab_size"]),
                                  "--out", out, "--force", "--formats", "png"], env)
        results["report"] = dict(shape="gpt2-small", tokens=1024, seconds=wall, peak_bytes=peak,
                                 tensors_bytes=os.path.getsize(os.path.join(out, "tensors.safetensors")),
                                 target_peak_bytes=1.5e9, target_tensors_bytes=150e6)
    if "xl" in only:
        # Every pattern recorded; the in-process bench records every hook, which does not fit beside XL's weights.
        case("GPT-2 XL shape, every pattern", "gpt2-xl", 1024, "blocks.*.attn.hook_pattern", 0.6, None, in_proc=False)

    json_path = args.json_path or os.path.join(args.out, "results.json")
    with open(json_path, "w") as f:
        json.dump(results, f, indent=2)
    report(results)
    print(f"\nfigures written to {json_path}")


def report(results):
    print(f"CPU: {results['cpu']}, {results['threads']} threads; torch {results['torch']}, transformers {results['transformers']} "
          f"(eager, float32, output_attentions + output_hidden_states)")
    print(f"sgemm peak (numpy/OpenBLAS, 2048²): {results['sgemm_peak_gflops']:.0f} GFLOP/s")
    print("ratio = GPTScope / transformers (< 1: GPTScope faster / smaller); medians\n")
    print("| case | T | whole process GPTScope s | transformers s | ratio | in process GPTScope ms | transformers ms | ratio "
          "| peak GPTScope GB | transformers GB | ratio | targets (time, memory) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results["cases"]:
        ip = ("", "", "")
        if "gptscope_in_process_ms" in r:
            a, b = r["gptscope_in_process_ms"], r["transformers_in_process_ms"]
            ip = (f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}")
        tt = r["target_time_ratio"]
        tm = r["target_memory_ratio"]
        target = ", ".join(x for x in [f"≤ {tt}×" if tt else "", f"≤ {tm}×" if tm else ""] if x) or "—"
        print(f"| {r['case']} | {r['tokens']} | {r['gptscope_s']:.3f} | {r['transformers_s']:.3f} | {r['gptscope_s'] / r['transformers_s']:.2f} "
              f"| {ip[0]} | {ip[1]} | {ip[2]} | {r['gptscope_peak_bytes'] / 1e9:.2f} | {r['transformers_peak_bytes'] / 1e9:.2f} "
              f"| {r['gptscope_peak_bytes'] / r['transformers_peak_bytes']:.2f} | {target} |")
    if "generation" in results:
        g = results["generation"]
        print(f"\nSmolLM2-135M shape, greedy generation with KV cache ({g['tokens']} tokens after a {g['prompt']}-token prompt): "
              f"GPTScope {g['gptscope_tokens_per_second']:.1f} tokens/s, transformers {g['transformers_tokens_per_second']:.1f} "
              f"(ratio {g['gptscope_tokens_per_second'] / g['transformers_tokens_per_second']:.2f}, target ≥ 1)")
    if "report" in results:
        r = results["report"]
        print(f"\ngptscope report, GPT-2 small, T = {r['tokens']}: peak {r['peak_bytes'] / 1e9:.2f} GB (target ≤ 1.5), "
              f"tensors.safetensors {r['tensors_bytes'] / 1e6:.0f} MB (target ≤ 150), {r['seconds']:.1f} s")


if __name__ == "__main__":
    main()
