"""Tiny random Llama, Qwen2 and GPT-NeoX checkpoints with transformers' hook values, for
GPTScope's parity tests (Tests/GPTModelTests/FamilyParityTests.swift).

Never downloads anything: each model is built from a config with random weights (norm scales
and biases perturbed too, so a wrong norm or a dropped bias shows), saved with save_pretrained,
loaded back with from_pretrained (so transformers itself parses the config.json we commit), and
run eagerly in float32. The values at every TransformerLens hook point are read from
transformers' own modules (forward hooks) and its own rotary function, and written, without
the batch dimension, to reference.safetensors beside the checkpoint.

Each folder but neox-sequential (kept without one, for the missing-tokenizer error) also gets a
small tokenizer.json, trained by the `tokenizers` library with hf_tokenizer_reference.py's builders
in its family's layout (Llama-3's and Qwen2's Split regexes, GPT-NeoX's byte-level, Llama-2's
SentencePiece-style BPE with byte fallback); the model's vocab_size is the tokenizer's size, so
`gptscope report --model DIR` runs end to end. The ids tokenizers gives one sentence are kept in
the metadata (tokenizer_text, tokenizer_ids).

    python Tests/Scripts/family_fixtures.py   # rewrites Tests/GPTModelTests/Fixtures/families/

Provenance (versions, seed, ids, transformers' num_parameters) is in each reference file's metadata.
"""
import json
import os
import shutil
import sys

import torch
import transformers
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM, GPTNeoXConfig, LlamaConfig, MistralConfig, Qwen2Config

OUT = os.path.join(os.path.dirname(__file__), "..", "GPTModelTests", "Fixtures", "families")
SEED = 1234
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_tokenizer_reference as hf  # noqa: E402  (the tokenizer.json builders of the tokenizer parity tests)
from tokenizers import Tokenizer, pre_tokenizers, normalizers  # noqa: E402

# Byte-level files need their 256 byte tokens; a few dozen merges on top keep words short in figures.
VOCAB = 320
TOKENIZER_TEXT = "When Mary and John went to the store, John gave a drink to Mary."


def fixture_tokenizer(style):
    """A tokenizer.json of VOCAB entries in the layout of `style` (llama3, qwen2, neox, sp_llama2),
    trained on English only so its merges are whole English pieces."""
    english = [t for t in hf.TRAIN if t.isascii()]
    split = lambda pattern: pre_tokenizers.Split(hf.Regex(pattern), behavior="isolated", invert=False)
    no_regex = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    if style == "llama3":
        specials = ["<|begin_of_text|>", "<|end_of_text|>"]
        return hf.bytelevel(style, pre_tokenizers.Sequence([split(hf.LLAMA3), no_regex]), ignore_merges=True,
                            specials=specials, bos="<|begin_of_text|>", vocab=VOCAB, corpus=english)
    if style == "qwen2":
        return hf.bytelevel(style, pre_tokenizers.Sequence([split(hf.QWEN2), no_regex]), normalizer=normalizers.NFC(),
                            specials=["<|endoftext|>", "<|im_start|>", "<|im_end|>"], vocab=VOCAB, corpus=english)
    if style == "neox":
        return hf.bytelevel(style, pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
                            normalizer=normalizers.NFC(), specials=["<|endoftext|>", "<|padding|>"], vocab=VOCAB, corpus=english)
    # SentencePiece-style: <unk> <s> </s>, 256 byte tokens, then the trained pieces.
    return hf.sentencepiece(metaspace=False, vocab=VOCAB - 256, limit_alphabet=30, corpus=english)


def perturb(model, generator):
    """Every parameter random: matrices ~N(0, 0.2²), norm scales 1 + N(0, 0.2²), biases N(0, 0.1²)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=generator)
            if "norm" in name and name.endswith("weight"):
                p.copy_(1 + 0.2 * noise)
            elif name.endswith("bias"):
                p.copy_(0.1 * noise)
            else:
                p.copy_(0.2 * noise)


def legacy_rope(folder, extra):
    """Rewrites config.json the way published checkpoints carry rotary settings (rope_theta,
    rope_scaling; rotary_pct / rotary_emb_base for GPT-NeoX) instead of rope_parameters."""
    path = os.path.join(folder, "config.json")
    config = json.load(open(path))
    params = config.pop("rope_parameters")
    config.update(extra(params))
    json.dump(config, open(path, "w"), indent=2, sort_keys=True)


def capture(model, family, ids):
    """Runs ids through model and returns {TransformerLens hook name: tensor without batch}."""
    hooks, handles = {}, []

    def out(name, f=lambda t: t):
        def hook(module, args, output):
            hooks[name] = f(output[0] if isinstance(output, tuple) else output)[0].detach().clone()
        return hook

    def inp(name, f=lambda t: t):
        def hook(module, args):
            hooks[name] = f(args[0])[0].detach().clone()
        return hook

    llama = family == "llama"
    inner = model.model if llama else model.gpt_neox
    cfg = model.config
    heads = cfg.num_attention_heads
    kv = getattr(cfg, "num_key_value_heads", heads) or heads
    hs = getattr(cfg, "head_dim", None) or cfg.hidden_size // heads
    T = len(ids)
    split = lambda n: (lambda t: t.view(t.shape[0], T, n, hs))

    handles.append((inner.embed_tokens if llama else inner.embed_in).register_forward_hook(out("hook_embed")))
    rope = {}
    handles.append(inner.rotary_emb.register_forward_hook(lambda m, a, o: rope.update(cos=o[0], sin=o[1])))
    for i, layer in enumerate(inner.layers):
        b = f"blocks.{i}."
        handles.append(layer.register_forward_pre_hook(inp(b + "hook_resid_pre")))
        handles.append(layer.register_forward_hook(out(b + "hook_resid_post")))
        handles.append(layer.input_layernorm.register_forward_hook(out(b + "ln1.hook_normalized")))
        handles.append(layer.post_attention_layernorm.register_forward_hook(out(b + "ln2.hook_normalized")))
        handles.append(layer.mlp.register_forward_hook(out(b + "hook_mlp_out")))
        if llama:
            attn = layer.self_attn
            handles.append(attn.q_proj.register_forward_hook(out(b + "attn.hook_q", split(heads))))
            handles.append(attn.k_proj.register_forward_hook(out(b + "attn.hook_k", split(kv))))
            handles.append(attn.v_proj.register_forward_hook(out(b + "attn.hook_v", split(kv))))
            handles.append(attn.o_proj.register_forward_pre_hook(inp(b + "attn.hook_z", split(heads))))
            handles.append(attn.register_forward_hook(out(b + "hook_attn_out")))
            handles.append(layer.post_attention_layernorm.register_forward_pre_hook(inp(b + "hook_resid_mid")))
            handles.append(layer.mlp.gate_proj.register_forward_hook(out(b + "mlp.hook_pre")))
            handles.append(layer.mlp.up_proj.register_forward_hook(out(b + "mlp.hook_pre_linear")))
            handles.append(layer.mlp.down_proj.register_forward_pre_hook(inp(b + "mlp.hook_post")))
        else:
            attn = layer.attention
            def qkv_hook(module, args, output, b=b):
                per_head = output[0].view(T, heads, 3 * hs)              # rows head by head: q, k, v
                for j, name in enumerate("qkv"):
                    hooks[b + f"attn.hook_{name}"] = per_head[:, :, j * hs:(j + 1) * hs].detach().clone()
            handles.append(attn.query_key_value.register_forward_hook(qkv_hook))
            handles.append(attn.dense.register_forward_pre_hook(inp(b + "attn.hook_z", split(heads))))
            handles.append(attn.register_forward_hook(out(b + "hook_attn_out")))
            if not cfg.use_parallel_residual:
                handles.append(layer.post_attention_layernorm.register_forward_pre_hook(inp(b + "hook_resid_mid")))
            handles.append(layer.mlp.dense_h_to_4h.register_forward_hook(out(b + "mlp.hook_pre")))
            handles.append(layer.mlp.dense_4h_to_h.register_forward_pre_hook(inp(b + "mlp.hook_post")))
    final = inner.norm if llama else inner.final_layer_norm
    handles.append(final.register_forward_hook(out("ln_final.hook_normalized")))

    with torch.no_grad():
        result = model(torch.tensor([ids]), output_attentions=True)
    for h in handles:
        h.remove()
    hooks["logits"] = result.logits[0]

    # Rotary q and k from transformers' own apply_rotary_pos_emb and cos/sin; scores from them.
    module = transformers.models.llama.modeling_llama if llama else transformers.models.gpt_neox.modeling_gpt_neox
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
    for i in range(cfg.num_hidden_layers):
        b = f"blocks.{i}."
        q = hooks[b + "attn.hook_q"].transpose(0, 1)[None]             # [1, NH, T, hs]
        k = hooks[b + "attn.hook_k"].transpose(0, 1)[None]             # [1, KV, T, hs]
        rq, rk = module.apply_rotary_pos_emb(q, k, rope["cos"], rope["sin"])
        hooks[b + "attn.hook_rot_q"] = rq[0].transpose(0, 1).contiguous()
        hooks[b + "attn.hook_rot_k"] = rk[0].transpose(0, 1).contiguous()
        keys = rk[0].repeat_interleave(heads // kv, dim=0)             # query head h reads kv head h // (NH/KV)
        scores = rq[0] @ keys.transpose(1, 2) / hs ** 0.5
        hooks[b + "attn.hook_attn_scores"] = scores.masked_fill(mask, float("-inf"))
        hooks[b + "attn.hook_pattern"] = result.attentions[i][0]
    return {name: t.float().contiguous() for name, t in hooks.items()}


def build(name, config, family, length, generator, dtype=torch.float32, legacy=None, shard=None, tokenizer=None):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    tok = None
    if tokenizer:
        tok = fixture_tokenizer(tokenizer)
        assert tok.get_vocab_size(with_added_tokens=True) == config.vocab_size, (name, tok.get_vocab_size())
    torch.manual_seed(SEED)
    model = AutoModelForCausalLM.from_config(config, attn_implementation="eager").float()
    perturb(model, generator)
    if dtype != torch.float32:
        # Round the weights to bf16 first, so the float32 reference runs on exactly the saved values.
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(p.to(dtype).float())
    model.to(dtype).save_pretrained(folder, max_shard_size=shard or "50GB")
    if legacy:
        legacy_rope(folder, legacy)
    model = AutoModelForCausalLM.from_pretrained(folder, attn_implementation="eager", dtype=torch.float32).eval()
    ids = torch.randint(0, config.vocab_size, (length,), generator=generator).tolist()
    hooks = capture(model, family, ids)
    for extra in ("generation_config.json",):
        path = os.path.join(folder, extra)
        if os.path.exists(path):
            os.remove(path)
    metadata = {
        "input_ids": json.dumps(ids),
        "num_parameters": str(model.num_parameters()),
        "transformers": transformers.__version__, "torch": torch.__version__, "seed": str(SEED),
        "script": "Tests/Scripts/family_fixtures.py",
    }
    if tok is not None:
        tok.save(os.path.join(folder, "tokenizer.json"))
        tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))   # ids from exactly the committed file
        metadata["tokenizer_text"] = TOKENIZER_TEXT
        metadata["tokenizer_ids"] = json.dumps(tok.encode(TOKENIZER_TEXT, add_special_tokens=False).ids)
    save_file(hooks, os.path.join(folder, "reference.safetensors"), metadata=metadata)
    print(f"{name}: {len(ids)} tokens, {len(hooks)} hooks, {model.num_parameters()} parameters")


def main():
    generator = torch.Generator().manual_seed(SEED)
    small = dict(vocab_size=VOCAB, hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4)
    # Llama, grouped-query attention (4 query heads over 2 kv heads), tied head, legacy rope keys.
    build("llama-gqa", LlamaConfig(**small, num_key_value_heads=2, tie_word_embeddings=True,
                                   max_position_embeddings=64, rope_theta=500.0), "llama", 12, generator,
          legacy=lambda p: {"rope_theta": p["rope_theta"], "rope_scaling": None}, tokenizer="llama3")
    # Llama 3 rope scaling, run to 40 tokens, past its original context of 16 (rope_parameters).
    build("llama3-scaled", LlamaConfig(**small, num_key_value_heads=1, max_position_embeddings=64,
                                       rope_parameters={"rope_type": "llama3", "rope_theta": 10000.0, "factor": 4.0,
                                                        "low_freq_factor": 1.0, "high_freq_factor": 2.0,
                                                        "original_max_position_embeddings": 16}),
          "llama", 40, generator, tokenizer="llama3")
    # Linear scaling written the legacy way ({"type": "linear"}), an explicit head_dim (4 x 16 != 32), bf16 weights.
    build("llama-linear-bf16", LlamaConfig(**small, num_key_value_heads=2, head_dim=16, max_position_embeddings=64,
                                           rope_parameters={"rope_type": "linear", "rope_theta": 10000.0, "factor": 2.0}),
          "llama", 20, generator, dtype=torch.bfloat16,
          legacy=lambda p: {"rope_theta": p["rope_theta"], "rope_scaling": {"type": "linear", "factor": p["factor"]}},
          tokenizer="sp_llama2")
    # Dynamic NTK scaling past max_position_embeddings = 16, run to 24 tokens.
    build("llama-dynamic", LlamaConfig(**small, num_key_value_heads=4, max_position_embeddings=16,
                                       rope_parameters={"rope_type": "dynamic", "rope_theta": 10000.0, "factor": 2.0}),
          "llama", 24, generator, tokenizer="sp_llama2")
    # Qwen2: q/k/v biases, no o_proj bias, tied head, sharded into several files.
    build("qwen2-sharded", Qwen2Config(**small, num_key_value_heads=2, tie_word_embeddings=True, max_position_embeddings=64,
                                       rope_parameters={"rope_type": "default", "rope_theta": 1000000.0}),
          "llama", 12, generator, shard="20KB", tokenizer="qwen2")
    # GPT-NeoX: partial rotary (a quarter of each 16-wide head), parallel residual, untied embed_out.
    neox = dict(vocab_size=VOCAB, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                max_position_embeddings=64)
    build("neox-parallel", GPTNeoXConfig(**neox, use_parallel_residual=True,
                                         rope_parameters={"rope_type": "default", "rope_theta": 10000.0,
                                                          "partial_rotary_factor": 0.25}),
          "neox", 12, generator, tokenizer="neox")
    # GPT-NeoX, sequential residual, legacy rotary_pct / rotary_emb_base keys.
    build("neox-sequential", GPTNeoXConfig(**neox, use_parallel_residual=False,
                                           rope_parameters={"rope_type": "default", "rope_theta": 5000.0,
                                                            "partial_rotary_factor": 0.5}),
          "neox", 12, generator,
          legacy=lambda p: {"rotary_emb_base": p["rope_theta"], "rotary_pct": p["partial_rotary_factor"]})
    # Mistral: Llama's layers with a sliding window of 16, run within it (GPTScope's context stops there).
    build("mistral-window", MistralConfig(**small, num_key_value_heads=2, max_position_embeddings=64, sliding_window=16),
          "llama", 12, generator, tokenizer="sp_llama2")


if __name__ == "__main__":
    main()
