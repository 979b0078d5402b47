#!/usr/bin/env python3
"""Reference for GPTScope's tokenizer.json reader (Tests/TokenizationTests/TokenizerJSONParityTests.swift).

Builds and trains its own small tokenizer.json files with Hugging Face `tokenizers` (nothing is
downloaded), in the layouts the published checkpoints use:

  qwen2      byte-level BPE, NFC normalizer, Split(Qwen2's regex) + ByteLevel(use_regex=False),
             specials <|endoftext|> <|im_start|> <|im_end|>
  llama3     byte-level BPE, Split(Llama-3's regex) + ByteLevel(use_regex=False), ignore_merges,
             TemplateProcessing with <|begin_of_text|>, an added token with lstrip/rstrip
  neox       GPT-NeoX: NFC, ByteLevel(add_prefix_space=False, use_regex=True)
  smollm2    SmolLM2: Sequence[Digits(individual_digits), ByteLevel(add_prefix_space=True)],
             a non-special added token
  gpt2       GPT-2's layout: ByteLevel(add_prefix_space=False) and <|endoftext|> (GPTScope's fast path)
  sp_llama2  SentencePiece-style BPE as Llama-2/TinyLlama's tokenizer.json: Prepend("▁") +
             Replace(" ", "▁") normalizers, no pre-tokenizer, byte_fallback to <0x00>…<0xFF>,
             fuse_unk, decoder Replace/ByteFallback/Fuse/Strip, TemplateProcessing "<s> $A"
  sp_meta    the same model with the newer conversion: Metaspace(prepend_scheme="first",
             split=False) pre-tokenizer and Metaspace decoder

then encodes a varied corpus (English, code, whitespace runs, digits, Chinese simplified and
traditional, Japanese, emoji, mixed scripts, added and special tokens, and seeded random strings)
with add_special_tokens=False and decodes the ids back (skip_special_tokens=False).

Writes Tests/TokenizationTests/Fixtures/hf/<name>/tokenizer.json and
Fixtures/hf/expected.json ({provenance, tokenizers: {name: {bos_id}}, cases: [{text, ids, decoded}]}).

   python3 Tests/Scripts/hf_tokenizer_reference.py
"""
import json, os, random
import tokenizers
from tokenizers import Tokenizer, AddedToken, Regex, models, trainers, pre_tokenizers, normalizers, decoders, processors

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "TokenizationTests", "Fixtures", "hf")

QWEN2 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
LLAMA3 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""

TRAIN = [
    "The quick brown fox jumps over the lazy dog. It's what they'd said, and we'll see; you're right, I'm sure they've gone.",
    "In 2024, 1,234,567 people visited; the price rose 12.5% to $3,999.99 on 03/14/2025 at 10:45pm.",
    "def tokenize(text: str) -> list[int]:\n    return [ord(c) for c in text if c != ' ']\n\nfor i in range(10):\n\tprint(i ** 2)\n",
    "int main(void) {\n    printf(\"hello, world\\n\");\n    return 0;\n}\n",
    "中华人民共和国是一个位于东亚的国家。我们今天学习语言模型和分词器。",
    "中華人民共和國是一個位於東亞的國家。我們今天學習語言模型和分詞器。",
    "日本語のテキストも含まれています。東京は日本の首都です。カタカナとひらがな。",
    "Emoji: 😀😃😄 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ — and symbols ∑∫√π ≤ ≥ ≠ → ←.",
    "Mixed: naïve café résumé, Ελληνικά, русский текст, العربية, हिन्दी, 한국어 텍스트.",
    "   leading spaces, trailing spaces   \n\n\n\ttabs\t\tand\r\nwindows line ends\r\n",
    "HELLO WORLD IT'S LOUD, DON'T SHOUT. We'LL see. I'M HERE. They'RE THERE.",
] * 3

CASES = [
    "Hello world",
    "The quick brown fox jumps over the lazy dog.",
    "It's what they'd said, and we'll see; you're right, I'm sure they've gone.",
    "IT'S LOUD, DON'T SHOUT. We'LL see. I'M HERE. They'RE 'S 'T 'Re 'vE",
    "In 2024, 1,234,567 people visited; 12345678901 digits 3.14159",
    "price: $3,999.99 (12.5%) on 03/14/2025",
    "def f(x):\n    return x ** 2\n\n\nprint(f(3))\n",
    "if (a && b) { x += 1; } else { y -= 2; }  // comment",
    "    four leading spaces",
    "trailing spaces    ",
    "a  b   c    d",
    "\n\n\nthree newlines first",
    "line one\nline two\r\nline three\r\n\r\n",
    "tabs\t\tand\tmore\t",
    " \n \n  \t\n",
    "   ",
    "",
    "x",
    " ",
    "中华人民共和国",
    "中華人民共和國是一個位於東亞的國家。",
    "我们今天学习语言模型和分词器。",
    "日本語のテキストも含まれています。",
    "東京は日本の首都です。カタカナとひらがな",
    "😀😃😄 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️",
    "naïve café résumé",
    "nai\u0308ve cafe\u0301",  # decomposed: NFC composes these
    "Ελληνικά, русский текст, العربية, हिन्दी, 한국어",
    "Mixed 中文 and English 日本語 with 123 numbers٣٤٥ and emoji 🎉!",
    "∑∫√π ≤ ≥ ≠ → ←",
    "\u00a0no-break\u00a0space and\u3000ideographic space",
    "zero\u200bwidth\u200djoiner",
    "'s 's's ''s '",
    "!!!???...,,,;;;",
    "a\u0301\u0302\u0303",
    "\u017fome long s and \u212a kelvin",
    "<|endoftext|>",
    "Hello<|endoftext|>world",
    "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n",
    "<|begin_of_text|>Hello <mask> world",
    "a <mask>b <mask>  c",
    "<s>Hello</s> <s> world",
    "GPTScope rocks",
    "The tokenizer has GPTScope inside",
]

# The fixed cases join the training text, so their words have merges to exercise.
TRAIN += [text for text in CASES if text] * 2

# Seeded random strings over a mixed alphabet: short fuzz cases, same for every tokenizer.
ALPHABET = list("abcXYZ019 '\t\n\r.,!?-_") + ["中", "華", "の", "テ", "😀", "é", "e\u0301", "\u00a0", "\u3000", "ſ", "<s>", "<mask>", "<|im_end|>", "  ", "'S", "'ll", "▁"]
rng = random.Random(13)
for _ in range(120):
    CASES.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24))))
# Random code points from many blocks: combining marks, other scripts' digits and letters,
# symbols, spaces, controls, private use, astral planes.
BLOCKS = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF),
          (0x900, 0x97F), (0x2000, 0x206F), (0x2150, 0x218F), (0x2460, 0x24FF), (0x3000, 0x30FF),
          (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0xE000, 0xE010), (0xFF00, 0xFFEF), (0x1F300, 0x1F64F),
          (0x1D400, 0x1D4FF), (0x0, 0x1F)]
for _ in range(80):
    chars = []
    for _ in range(rng.randint(1, 30)):
        low, high = rng.choice(BLOCKS)
        chars.append(chr(rng.randint(low, high)))
    CASES.append("".join(chars))


def bytelevel(name, pre, normalizer=None, ignore_merges=False, specials=(), added=(), bos=None, vocab=3000, corpus=None):
    tok = Tokenizer(models.BPE(ignore_merges=ignore_merges))
    if normalizer is not None:
        tok.normalizer = normalizer
    tok.pre_tokenizer = pre
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=list(specials), show_progress=False)
    tok.train_from_iterator(corpus or TRAIN, trainer=trainer)
    tok.add_tokens(list(added))
    if bos is not None:
        tok.post_processor = processors.TemplateProcessing(
            single=f"{bos} $A", pair=f"{bos} $A {bos} $B", special_tokens=[(bos, tok.token_to_id(bos))])
    return tok


def sentencepiece(metaspace, vocab=1500, limit_alphabet=150, corpus=None):
    # Train a char-level BPE on ▁-joined text, then lay the vocabulary out as Llama-2's:
    # <unk> <s> </s>, the 256 byte tokens <0x00>…<0xFF>, then the trained pieces.
    trainer_tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    trainer_tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    trainer = trainers.BpeTrainer(vocab_size=vocab, limit_alphabet=limit_alphabet, special_tokens=["<unk>", "<s>", "</s>"],
                                  show_progress=False)
    trainer_tok.train_from_iterator(corpus or TRAIN, trainer=trainer)
    data = json.loads(trainer_tok.to_str())
    trained = sorted(data["model"]["vocab"].items(), key=lambda kv: kv[1])
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab[f"<0x{b:02X}>"] = len(vocab)
    for token, _ in trained:
        if token not in vocab:
            vocab[token] = len(vocab)
    data["model"]["vocab"] = vocab
    data["added_tokens"] = [
        {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True} for t in ("<unk>", "<s>", "</s>")]
    data["post_processor"] = json.loads(processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", 1)]).__getstate__())
    if metaspace:
        data["normalizer"] = None
        data["pre_tokenizer"] = json.loads(pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False).__getstate__())
        data["decoder"] = json.loads(decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False).__getstate__())
    else:
        data["decoder"] = json.loads(decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(),
                                                        decoders.Fuse(), decoders.Strip(" ", 1, 0)]).__getstate__())
    return Tokenizer.from_str(json.dumps(data))


def build():
    split = lambda pattern: pre_tokenizers.Split(Regex(pattern), behavior="isolated", invert=False)
    no_regex = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    qwen_specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    llama_specials = ["<|begin_of_text|>", "<|end_of_text|>"]
    toks = {
        "qwen2": bytelevel("qwen2", pre_tokenizers.Sequence([split(QWEN2), no_regex]), normalizer=normalizers.NFC(),
                           specials=qwen_specials),
        "llama3": bytelevel("llama3", pre_tokenizers.Sequence([split(LLAMA3), no_regex]), ignore_merges=True,
                            specials=llama_specials,
                            added=[AddedToken("<mask>", lstrip=True, rstrip=True, special=True, normalized=False)],
                            bos="<|begin_of_text|>"),
        "neox": bytelevel("neox", pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
                          normalizer=normalizers.NFC(), specials=["<|endoftext|>", "<|padding|>"]),
        "smollm2": bytelevel("smollm2", pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                                 pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)]),
                             specials=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                             added=[AddedToken("GPTScope", normalized=False, special=False)]),
        "gpt2": bytelevel("gpt2", pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
                          specials=["<|endoftext|>"]),
        "sp_llama2": sentencepiece(metaspace=False),
        "sp_meta": sentencepiece(metaspace=True),
    }
    return toks


def main():
    toks = build()
    meta = {}
    for name, tok in toks.items():
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        tok.save(os.path.join(folder, "tokenizer.json"))
        if name == "neox":
            # Older files (tokenizers < 0.20, as Pythia's) write each merge as one "a b" string.
            with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
                data = json.load(f)
            data["model"]["merges"] = [" ".join(pair) for pair in data["model"]["merges"]]
            with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=2)
        # Reload from the file written, so the ids come from exactly what is committed.
        toks[name] = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        with_specials = toks[name].encode("x", add_special_tokens=True).ids
        plain = toks[name].encode("x", add_special_tokens=False).ids
        meta[name] = {"bos_id": with_specials[0] if len(with_specials) > len(plain) else None,
                      "vocab_size": toks[name].get_vocab_size(with_added_tokens=True)}
    cases = []
    for text in CASES:
        entry = {"text": text, "ids": {}, "decoded": {}}
        for name, tok in toks.items():
            ids = tok.encode(text, add_special_tokens=False).ids
            entry["ids"][name] = ids
            entry["decoded"][name] = tok.decode(ids, skip_special_tokens=False)
        cases.append(entry)
    doc = {"provenance": f"Tests/Scripts/hf_tokenizer_reference.py with tokenizers {tokenizers.__version__}; "
                         "tokenizer files trained by the script itself, nothing downloaded",
           "tokenizers": meta, "cases": cases}
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for name in toks:
        print(name, meta[name], sum(len(c["ids"][name]) for c in cases), "ids")


if __name__ == "__main__":
    main()
