#!/usr/bin/env bash
# Where a token is. Attention alone cannot tell "dog bites man" from "man bites dog", so a vector
# that depends only on the position is added to every token. The original Transformer uses sines
# and cosines; GPT-1 and GPT-2 learn a table (wpe). By default the learned table is the
# built-in model's (context 128, width 192); MODEL is any Hugging Face GPT-2 or GPT-1 folder. For
# GPT-2's table (smooth waves, a bright diagonal):
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/05-positions.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
# MODEL=dir picks a checkpoint folder; without it the built-in model is used.
MODEL_ARGS=(); if [ -n "${MODEL:-}" ]; then MODEL_ARGS=(--model "$MODEL"); fi
mkdir -p "$OUT"

# 1. The sinusoidal encoding of "Attention Is All You Need" (d_model 512, 100 positions): the
#    heatmap (left columns flicker, right ones change slowly), sine/cosine pairs of growing
#    wavelength, and the similarity of positions, which depends only on their distance.
$GPTSCOPE posenc --d-model 512 --positions 100 --out "$OUT/posenc.sinusoidal.png"

# 2. Five positions, small enough to read every number: PE(1, 0) = sin 1 = 0.84, PE(1, 1) = cos 1 = 0.54.
$GPTSCOPE posenc --d-model 16 --positions 5 --kind heatmap --out "$OUT/posenc.5.png"

# 3. The checkpoint's learned position embeddings beside the sinusoidal ones of the same size,
#    drawn the same three ways.
$GPTSCOPE posenc "${MODEL_ARGS[@]}" --compare --out "$OUT/posenc.compare.png"

# 4. Only some positions, and the dot product instead of the cosine.
$GPTSCOPE posenc "${MODEL_ARGS[@]}" --kind similarity --range 8:24 --measure dot --out "$OUT/posenc.wpe.similarity.svg"
echo "Files written to $OUT"
