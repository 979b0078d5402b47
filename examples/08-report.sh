#!/usr/bin/env bash
# One command, one folder to hand to a class: every figure for a prompt, explained in an offline
# HTML page (English or Chinese), with the tensors behind the figures for your own notebooks.
# By default the built-in model; MODEL is any Hugging Face GPT-2 or GPT-1 folder, e.g. GPT-2:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/08-report.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
mkdir -p "$OUT"

# 1. The English report: tokens → embeddings → positions → attention layer by layer → residual
#    stream → predictions → parameters. Open $OUT/report/index.html in any browser (no network).
$GPTSCOPE report "${MODEL_ARGS[@]}" --prompt "When Mary and John went to the store, John gave a drink to" \
    --out "$OUT/report"

# 2. The same page in Chinese, PNG only, per-layer attention figures for the first layer only.
$GPTSCOPE report "${MODEL_ARGS[@]}" --prompt "人工智能正在改变我们学习的方式" --lang zh \
    --formats png --layers 0 --out "$OUT/report-zh"

# 3. The numbers behind the figures, for Python:
#      from safetensors.numpy import load_file
#      t = load_file("$OUT/report/tensors.safetensors"); t["blocks.0.attn.hook_pattern"].shape
#    and summary.json lists the model, tokens, top predictions and every figure.
head -c 300 "$OUT/report/summary.json"; echo
echo "Reports written to $OUT/report and $OUT/report-zh"
