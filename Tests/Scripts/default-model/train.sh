#!/usr/bin/env bash
# Rebuilds GPTScope's built-in model from nothing but Debian packages (see
# Sources/CEmbeddedData/DEFAULT_MODEL.md): the corpus, the 4,096-token tokenizer, then training.
# Run as root (or with sudo available) from the repository root; about 30-60 minutes on 2 cores.
#
#   bash Tests/Scripts/default-model/train.sh [OUT]     # OUT defaults to output/default-model
#
# Then compare OUT/train-log.json's last validation loss with DEFAULT_MODEL.md, and to ship it:
#   cp OUT/{config.json,model.safetensors,vocab.json,merges.txt} Sources/CEmbeddedData/default-model/
#   cp OUT/train-log.json Tests/Scripts/default-model/
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT="${1:-output/default-model}"
GPTSCOPE="${GPTSCOPE:-.build/release/gptscope}"
[ -x "$GPTSCOPE" ] || swift build -c release --product gptscope

python3 Tests/Scripts/prepare_corpus.py output/corpus
"$GPTSCOPE" train-tokenizer --corpus output/corpus/corpus.txt --vocab-size 4096 --out output/tok4k
"$GPTSCOPE" train --corpus output/corpus/corpus.txt --tokenizer output/tok4k \
    --config Tests/Scripts/default-model/config.json \
    --steps 1800 --batch 16 --context 128 --lr 2e-3 --warmup 100 \
    --eval-every 100 --save-every 200 --seed 1337 --out "$OUT"
