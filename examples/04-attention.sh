#!/usr/bin/env bash
# Where the heads look. By default GPTScope's built-in model (4 layers × 6 heads, context 128);
# MODEL is any Hugging Face GPT-2 or GPT-1 folder. For GPT-2's famous heads (previous-token,
# induction, the first-token "sink"):
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/04-attention.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
PROMPT="And Abraham begat Isaac; and Isaac begat Jacob; and Jacob begat"
mkdir -p "$OUT"

# 1. One head: rows are queries (the token looking), columns keys (what it looks at); each row
#    sums to 1 and the grey triangle is the masked future. Short prompts get the numbers in the cells.
#    --head previous-token picks the head with the highest previous-token score on this prompt
#    (printed with its score, chance and bar), so the picture follows whichever model you point at;
#    --layer L --head H draws a head of your choosing instead.
$GPTSCOPE attention "${MODEL_ARGS[@]}" --prompt "$PROMPT" --head previous-token --out "$OUT/attention.previous-token.png"
#    The prompt repeats itself ("Isaac ... Isaac begat", "Jacob ... Jacob begat"): an induction
#    head looks from the second "Jacob" to the token after the first one.
$GPTSCOPE attention "${MODEL_ARGS[@]}" --prompt "$PROMPT" --head induction --out "$OUT/attention.induction.png"

# 2. Every head of every layer at a glance, then each layer's heads averaged and rolled out.
$GPTSCOPE attention "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind model --out "$OUT/attention.model.png"
$GPTSCOPE attention "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind rollout --out "$OUT/attention.rollout.svg"

# 3. The head view: lines from each query (left) to its keys (right), darker = more attention;
#    follow one token with --query.
$GPTSCOPE attention "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind headview --head induction --query 9 \
    --out "$OUT/attention.headview.induction.png"

# 4. The classic induction test: random tokens, repeated. An induction head attends to the token
#    that followed the current token's previous occurrence; the scores table gives every head's
#    score (1 = ideal) next to the chance level, and names a head only above its bar.
$GPTSCOPE attention "${MODEL_ARGS[@]}" --repeat 12 --kind scores --out "$OUT/attention.scores.png"
echo "Files written to $OUT"
