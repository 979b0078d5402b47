#!/usr/bin/env bash
# One command, one folder to hand to a class: every figure for a prompt, explained in an offline
# HTML page (English or Chinese), with the tensors behind the figures for your own notebooks.
# MODEL is any Hugging Face GPT-2 or GPT-1 folder; by default the tiny random-weight GPT-2 from the
# test fixtures (its attention is noise). For real pictures:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/08-report.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
MODEL=${MODEL:-Tests/GPTModelTests/Fixtures/models/gpt2-fullvocab}
mkdir -p "$OUT"

# 1. The English report: tokens → embeddings → positions → attention layer by layer → residual
#    stream → predictions → parameters. Open $OUT/report/index.html in any browser (no network).
$GPTSCOPE report --model "$MODEL" --prompt "When Mary and John went to the store, John gave a drink to" \
    --out "$OUT/report"

# 2. The same page in Chinese, PNG only, per-layer attention figures for the first layer only.
$GPTSCOPE report --model "$MODEL" --prompt "人工智能正在改变我们学习的方式" --lang zh \
    --formats png --layers 0 --out "$OUT/report-zh"

# 3. The numbers behind the figures, for Python:
#      from safetensors.numpy import load_file
#      t = load_file("$OUT/report/tensors.safetensors"); t["blocks.0.attn.hook_pattern"].shape
#    and summary.json lists the model, tokens, top predictions and every figure.
head -c 300 "$OUT/report/summary.json"; echo
echo "Reports written to $OUT/report and $OUT/report-zh"
