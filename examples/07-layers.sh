#!/usr/bin/env bash
# Through the layers: the residual stream, the logit lens, the final prediction, a generation,
# and the model's parameters. By default the built-in model; MODEL is any Hugging
# Face GPT-2 or GPT-1 folder, e.g. a real GPT-2:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/07-layers.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
PROMPT=${PROMPT:-"In the beginning God created the heaven and the earth. And the earth was without"}
mkdir -p "$OUT"

# 1. How long the residual stream grows, block by block, at every position.
$GPTSCOPE layers "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind norms --out "$OUT/residual-norms.png"

# 2. The logit lens: every layer's stream decoded as if it were the last. When does the answer appear?
$GPTSCOPE layers "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind lens --out "$OUT/logit-lens.png"
#    Only some positions of a long prompt (A:B = positions A to B-1), as SVG for slides:
$GPTSCOPE layers "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind lens --range 0:6 --out "$OUT/logit-lens.0-6.svg"

# 3. The final next-token probabilities (the last position, or any with --position).
$GPTSCOPE layers "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind probs --top-k 8 --out "$OUT/next-token.png"

# 4. Generation step by step: every candidate, the chosen one outlined. Straight from generate,
#    or later from its JSON.
$GPTSCOPE generate "${MODEL_ARGS[@]}" --prompt "$PROMPT" --max-tokens 6 --temperature 0 --chart "$OUT/generation.png"
$GPTSCOPE generate "${MODEL_ARGS[@]}" --prompt "$PROMPT" --max-tokens 6 --temperature 0.8 --seed 3 --json > "$OUT/generation.json"
$GPTSCOPE layers --kind generation --steps "$OUT/generation.json" "${MODEL_ARGS[@]}" --out "$OUT/generation.sampled.png"

# 5. The loaded model's parameters, alone and beside GPT-1, GPT-2 and GPT-3.
$GPTSCOPE layers "${MODEL_ARGS[@]}" --kind params --out "$OUT/model.png"   # model.params.breakdown.png, model.params.comparison.png
echo "Figures written to $OUT"
