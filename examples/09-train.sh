#!/usr/bin/env bash
# How does a GPT learn? Train a tiny one here on GPTScope's own model code, watch the loss fall,
# and open the checkpoint with the other commands (and with Python's transformers).
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
RUN="$OUT/train"
STEPS=${STEPS:-60}   # a few seconds in a release build; STEPS=1000 beats the unigram baseline clearly
mkdir -p "$RUN"

# 1. A small corpus: the Swift source of GPTScope's model, 135 kB (the default model uses the King
#    James Bible and Tang/Song poems: python3 Tests/Scripts/prepare_corpus.py output/corpus).
cat Sources/GPTModel/*.swift Sources/TensorCore/*.swift > "$RUN/corpus.txt"

# 2. A byte-level BPE tokenizer learned from it (GPT-2's 50,257 tokens would be too many here).
$GPTSCOPE train-tokenizer --corpus "$RUN/corpus.txt" --vocab-size 512 --out "$RUN/tok"

# 3. A tiny GPT-2: 2 layers, width 32, 2 heads, 32-token context. Every step: 8 windows of 32
#    tokens, forward, the loss (cross-entropy in nats), backward by hand, one AdamW update.
cat > "$RUN/tiny.json" <<'JSON'
{"model_type": "gpt2", "vocab_size": 512, "n_positions": 32, "n_embd": 32, "n_layer": 2, "n_head": 2}
JSON
rm -rf "$RUN/model"
$GPTSCOPE train --corpus "$RUN/corpus.txt" --tokenizer "$RUN/tok" --config "$RUN/tiny.json" \
    --context 32 --batch 8 --steps "$STEPS" --lr 1e-2 --warmup 10 --eval-every 20 --save-every 30 --out "$RUN/model"
#    The loss starts at ln 512 = 6.24 (a uniform guess), drops to the unigram baseline (token
#    frequencies only) and, after a few hundred steps, below it: the model has started to use context.

# 4. Ten more steps from the last checkpoint (Ctrl-C during a run leaves that checkpoint intact),
#    then the pictures of the run: loss curve and attention heads forming (model/report/index.html).
$GPTSCOPE train --corpus "$RUN/corpus.txt" --tokenizer "$RUN/tok" --config "$RUN/tiny.json" \
    --context 32 --batch 8 --steps $((STEPS + 10)) --lr 1e-2 --warmup 10 --eval-every 20 --save-every 30 --out "$RUN/model" --resume --report

# 5. The checkpoint is an ordinary Hugging Face GPT-2 folder: every command opens it.
$GPTSCOPE generate --model "$RUN/model" --prompt "public func" --max-tokens 20 --seed 1

# train-log.json holds the loss of every step and every evaluation; probes/ the attention
# patterns of a fixed prompt at each evaluation (for the film strip of heads forming).
echo "Checkpoint, train-log.json and probes/ written to $RUN/model"
