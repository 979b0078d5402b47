#!/usr/bin/env bash
# What a token is, to the model. Each token id picks one row of the embedding table wte; the
# position's row of wpe is added; the sum enters block 0. By default the built-in model (width 192);
# MODEL is any Hugging Face GPT-2 or GPT-1 folder. With GPT-2, king/queen/man/woman fall into a
# neat parallelogram:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/06-embeddings.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
PROMPT="The cat sat on the mat and the dog sat on the rug. 中华"
mkdir -p "$OUT"

# 1. The prompt as a matrix: one row per token, the first 16 numbers of each vector.
$GPTSCOPE embeddings "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind tokens --dims 16 --out "$OUT/embeddings.tokens.png"

# 2. Token + position = the input of block 0 (hook_embed + hook_pos_embed = blocks.0.hook_resid_pre).
$GPTSCOPE embeddings "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind sum --dims 16 --out "$OUT/embeddings.sum.png"

# 3. Which tokens have similar vectors: the repeated " the", " sat" and " on" are the same tokens, so
#    their cells are exactly 1 (" the" and "The" are different tokens, so theirs is not).
$GPTSCOPE embeddings "${MODEL_ARGS[@]}" --prompt "$PROMPT" --kind similarity --out "$OUT/embeddings.similarity.png"

# 4. Words as points: each word's embedding projected on the two directions in which these words
#    differ most (PCA). No prompt needed.
$GPTSCOPE embeddings "${MODEL_ARGS[@]}" --kind pca --words king,queen,man,woman,prince,princess,boy,girl,Paris,France \
    --out "$OUT/embeddings.pca.svg"
echo "Files written to $OUT"
