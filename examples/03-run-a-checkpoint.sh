#!/usr/bin/env bash
# A forward pass you can look inside. By default this uses GPTScope's built-in model (a small
# GPT-2 trained on the King James Bible and Tang poems); MODEL is any Hugging Face GPT-2 or GPT-1
# folder (config.json + model.safetensors), e.g. a real GPT-2:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/03-run-a-checkpoint.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
mkdir -p "$OUT"

# 1. What can be recorded: every TransformerLens hook with its shape, and the checkpoint's tensors.
$GPTSCOPE inspect "${MODEL_ARGS[@]}" --tokens 8

# 2. One forward pass: the tokens and the most likely next tokens.
$GPTSCOPE run "${MODEL_ARGS[@]}" --prompt "In the beginning God created the heaven and the" --top-k 5

# 3. Record every layer's attention pattern; the file opens in Python with
#    safetensors.numpy.load_file("…/attention.safetensors")["blocks.0.attn.hook_pattern"].
$GPTSCOPE run "${MODEL_ARGS[@]}" --prompt "In the beginning God created the heaven and the" \
    --hooks 'blocks.*.attn.hook_pattern' --save-cache "$OUT/attention.safetensors"

# 4. Generation one token at a time with a KV cache; greedy at temperature 0, so repeatable.
$GPTSCOPE generate "${MODEL_ARGS[@]}" --prompt "And it came to pass" --max-tokens 8 --temperature 0
$GPTSCOPE generate "${MODEL_ARGS[@]}" --prompt "And it came to pass" --max-tokens 8 --seed 42 --json > "$OUT/generation.json"
echo "Files written to $OUT"
