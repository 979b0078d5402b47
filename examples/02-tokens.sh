#!/usr/bin/env bash
# How does GPT-2 see text? Byte-level BPE: words, pieces of words, and pieces of characters.
set -euo pipefail
GPTSCOPE=${GPTSCOPE:-"swift run -c release gptscope"}
OUT=${OUT:-output/examples}
mkdir -p "$OUT"

# 1. Leading spaces belong to the next word (·the), and contractions split off ('s).
$GPTSCOPE tokenize "The model's answer appears word by word, but it's really token by token."

# 2. Chinese characters are 3 bytes in UTF-8; GPT-2 often splits one character into 2 or 3 tokens.
$GPTSCOPE tokenize "中华人民共和国成立于1949年"

# 3. Source code from standard input, as JSON.
printf 'def add(a, b):\n    return a + b\n' | $GPTSCOPE tokenize --file - --json > "$OUT/code.tokens.json"

# 4. The picture explainers draw by hand: coloured token chips with their ids.
$GPTSCOPE tokenize "Transformers read tokens, not words: 中华人民共和国" --chart "$OUT/tokens.png"

# 5. Ids belong to a vocabulary: the built-in model's own 4,096 tokens cut the same text
#    differently, with other ids (the first line of the table says which vocabulary).
$GPTSCOPE tokenize --tokenizer gptscope-default "Transformers read tokens, not words: 中华人民共和国" --chart "$OUT/tokens.built-in.png"
echo "Figures written to $OUT"
