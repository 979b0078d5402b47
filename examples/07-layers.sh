#!/usr/bin/env bash
# Through the layers: the residual stream, the logit lens, the final prediction, a generation,
# and the model's parameters. MODEL is any Hugging Face GPT-2 or GPT-1 folder; by default the
# tiny random-weight GPT-2 from the test fixtures (its predictions are noise). With a real GPT-2:
#   huggingface-cli download openai-community/gpt2 --local-dir models/gpt2
#   MODEL=models/gpt2 examples/07-layers.sh
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
MODEL=${MODEL:-Tests/GPTModelTests/Fixtures/models/gpt2-fullvocab}
PROMPT=${PROMPT:-"The capital of France is Paris. The capital of China is"}
mkdir -p "$OUT"

# 1. How long the residual stream grows, block by block, at every position.
$GPTSCOPE layers --model "$MODEL" --prompt "$PROMPT" --kind norms --out "$OUT/residual-norms.png"

# 2. The logit lens: every layer's stream decoded as if it were the last. When does the answer appear?
$GPTSCOPE layers --model "$MODEL" --prompt "$PROMPT" --kind lens --out "$OUT/logit-lens.png"
#    Only some positions of a long prompt (A:B = positions A to B-1), as SVG for slides:
$GPTSCOPE layers --model "$MODEL" --prompt "$PROMPT" --kind lens --range 0:6 --out "$OUT/logit-lens.0-6.svg"

# 3. The final next-token probabilities (the last position, or any with --position).
$GPTSCOPE layers --model "$MODEL" --prompt "$PROMPT" --kind probs --top-k 8 --out "$OUT/next-token.png"

# 4. Generation step by step: every candidate, the chosen one outlined. Straight from generate,
#    or later from its JSON.
$GPTSCOPE generate --model "$MODEL" --prompt "$PROMPT" --max-tokens 6 --temperature 0 --chart "$OUT/generation.png"
$GPTSCOPE generate --model "$MODEL" --prompt "$PROMPT" --max-tokens 6 --temperature 0.8 --seed 3 --json > "$OUT/generation.json"
$GPTSCOPE layers --kind generation --steps "$OUT/generation.json" --model "$MODEL" --out "$OUT/generation.sampled.png"

# 5. The loaded model's parameters, alone and beside GPT-1, GPT-2 and GPT-3.
$GPTSCOPE layers --model "$MODEL" --kind params --out "$OUT/model.png"   # model.params.breakdown.png, model.params.comparison.png
echo "Figures written to $OUT"
