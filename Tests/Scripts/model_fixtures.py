#!/usr/bin/env python3
"""Builds the GPTModel parity fixtures with Hugging Face transformers (the independent reference).

For each small model: random weights with EVERY LayerNorm weight/bias and every linear bias
perturbed away from its initial value (so a wrong bias or norm cannot pass), saved as a real
checkpoint directory (save_pretrained, safetensors), plus `expected.safetensors` holding, under
TransformerLens hook names, what HF computes for a fixed prompt: logits, every attention pattern,
every residual stream, and the other intermediates captured with forward hooks. Metadata carries
the token ids, the prompt (when it was tokenized with GPT-2's tokenizer) and the top-5 next tokens.

Run from the repository root:  python3 Tests/Scripts/model_fixtures.py
Writes Tests/GPTModelTests/Fixtures/models/<name>/ (kept small: tiny widths).
"""
import json
import os
import shutil

import numpy as np
import torch
from safetensors.numpy import save_file as save_numpy
from transformers import GPT2Config, GPT2LMHeadModel, OpenAIGPTConfig, OpenAIGPTLMHeadModel

ROOT = os.path.join(os.path.dirname(__file__), "..", "GPTModelTests", "Fixtures", "models")
RANKS = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "CEmbeddedData", "gpt2.tiktoken")
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
PROMPT = "The quick brown fox jumps over the lazy dog. 中华人民共和国"


def perturb(model, seed):
    """Scales weights so attention is far from uniform; moves every norm and bias off its init."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=g)
            if "ln" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.3 * noise)
            elif name.endswith("bias"):
                p.copy_(0.2 * noise)
            elif p.dim() == 2 and ("embed" in name or "wte" in name or "wpe" in name):
                p.copy_(0.5 * noise)
            else:  # Conv1D [in, out]: unit-variance outputs
                p.copy_(noise / np.sqrt(p.shape[0]) * 1.5)


def capture(model, ids, gpt1):
    """Runs HF with forward hooks and returns {hook name: np.ndarray} without the batch dim."""
    blocks = model.transformer.h
    n_head = model.config.n_head
    acts = {}
    handles = []

    def keep(name, fn=lambda o: o):
        def hook(_module, _inputs, output):
            out = output[0] if isinstance(output, (tuple, list)) else output
            acts[name] = fn(out)[0].detach().numpy().astype(np.float32)
        return hook

    for i, block in enumerate(blocks):
        handles.append(block.register_forward_hook(keep(f"blocks.{i}.hook_resid_post")))
        handles.append(block.ln_1.register_forward_hook(keep(f"blocks.{i}.ln1.hook_normalized")))
        handles.append(block.ln_2.register_forward_hook(keep(f"blocks.{i}.ln2.hook_normalized")))
        handles.append(block.attn.c_attn.register_forward_hook(keep(f"blocks.{i}.qkv")))
        handles.append(block.attn.c_proj.register_forward_hook(keep(f"blocks.{i}.hook_attn_out")))
        handles.append(block.mlp.c_fc.register_forward_hook(keep(f"blocks.{i}.mlp.hook_pre")))
        # The activation's input to c_proj (GPT-1 shares one activation module across blocks).
        handles.append(block.mlp.c_proj.register_forward_pre_hook(
            lambda _m, inputs, i=i: acts.__setitem__(f"blocks.{i}.mlp.hook_post", inputs[0][0].detach().numpy().copy())))
        handles.append(block.mlp.c_proj.register_forward_hook(keep(f"blocks.{i}.hook_mlp_out")))
    with torch.no_grad():
        out = model(torch.tensor([ids]), output_attentions=True, output_hidden_states=True)
    for h in handles:
        h.remove()

    T = len(ids)
    C = model.config.n_embd
    hs = C // n_head
    result = {"logits": out.logits[0].numpy().astype(np.float32)}
    hidden = [h[0].numpy().astype(np.float32) for h in out.hidden_states]
    for i in range(len(blocks)):
        result[f"blocks.{i}.attn.hook_pattern"] = out.attentions[i][0].numpy().astype(np.float32)
        qkv = acts.pop(f"blocks.{i}.qkv")
        q, k, v = qkv[:, :C], qkv[:, C:2 * C], qkv[:, 2 * C:]
        for tag, x in (("q", q), ("k", k), ("v", v)):
            result[f"blocks.{i}.attn.hook_{tag}"] = x.reshape(T, n_head, hs)
        # Scores from HF's own q and k, times HF's own scale (GPT2Attention.scaling: 1/sqrt(hs),
        # or 1, divided by layer + 1 with scale_attn_by_inverse_layer_idx), future masked to -inf
        # (TransformerLens' convention).
        qh = q.reshape(T, n_head, hs).transpose(1, 0, 2).astype(np.float64)
        kh = k.reshape(T, n_head, hs).transpose(1, 0, 2).astype(np.float64)
        scaling = getattr(blocks[i].attn, "scaling", None) if not gpt1 else None
        scores = qh @ kh.transpose(0, 2, 1) * scaling if scaling is not None else qh @ kh.transpose(0, 2, 1) / np.sqrt(hs)
        scores[:, np.triu(np.ones((T, T), dtype=bool), 1)] = -np.inf
        result[f"blocks.{i}.attn.hook_attn_scores"] = scores.astype(np.float32)
        # hidden_states[i] is the input to block i (GPT-2's last entry is after ln_f instead).
        result[f"blocks.{i}.hook_resid_pre"] = hidden[i]
        if gpt1:
            result[f"blocks.{i}.hook_resid_mid"] = acts[f"blocks.{i}.ln1.hook_normalized"]
        else:
            result[f"blocks.{i}.hook_resid_mid"] = hidden[i] + acts[f"blocks.{i}.hook_attn_out"]
    if not gpt1:
        result["ln_final.hook_normalized"] = hidden[-1]
    result.update(acts)
    return result


def write(name, model, ids, prompt=None):
    gpt1 = isinstance(model, OpenAIGPTLMHeadModel)
    folder = os.path.join(ROOT, name)
    shutil.rmtree(folder, ignore_errors=True)
    model.save_pretrained(folder, safe_serialization=True)
    for extra in ("generation_config.json",):
        path = os.path.join(folder, extra)
        if os.path.exists(path):
            os.remove(path)
    tensors = capture(model, ids, gpt1)
    last = tensors["logits"][-1]
    top5 = np.argsort(-last.astype(np.float64), kind="stable")[:5].tolist()
    # Greedy continuation with HF's own generate (KV cache), for the generation test.
    with torch.no_grad():
        greedy = model.generate(torch.tensor([ids]), max_new_tokens=6, do_sample=False,
                                pad_token_id=0)[0, len(ids):].tolist()
    metadata = {"input_ids": json.dumps(ids), "top5": json.dumps(top5), "greedy6": json.dumps(greedy)}
    if prompt is not None:
        metadata["prompt"] = prompt
    save_numpy({k: np.ascontiguousarray(v) for k, v in tensors.items()},
               os.path.join(folder, "expected.safetensors"), metadata=metadata)
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
    print(f"{name}: T={len(ids)} top5={top5} greedy={greedy} files={sorted(os.listdir(folder))} {size/1e6:.2f} MB")


def dtype_fixture():
    """Tiny safetensors with F32/F16/BF16 tensors of known values, written by the reference library."""
    from safetensors.torch import save_file
    values = torch.tensor([[1.0, -2.5, 0.333251953125], [65504.0, 6.103515625e-05, 5.960464477539063e-08]])
    save_file({
        "f32": values.clone(),
        "f16": values.to(torch.float16),
        "bf16": torch.tensor([1.0, -2.5, 3.140625, 1e30]).to(torch.bfloat16),
        "empty": torch.zeros(0, 3),
    }, os.path.join(ROOT, "dtypes.safetensors"), metadata={"note": "GPTScope dtype fixture"})


def main():
    torch.manual_seed(0)
    os.makedirs(ROOT, exist_ok=True)

    # 1. Full GPT-2 vocabulary, tiny width; the prompt is real GPT-2 BPE (tiktoken).
    import tiktoken
    import tiktoken.load
    ranks = tiktoken.load.load_tiktoken_bpe(RANKS)  # the rank file GPTScope embeds; no network
    encoding = tiktoken.Encoding(name="gpt2", pat_str=GPT2_PATTERN, mergeable_ranks=ranks,
                                 special_tokens={"<|endoftext|>": 50256})
    ids = encoding.encode(PROMPT)
    cfg = GPT2Config(vocab_size=50257, n_positions=32, n_embd=16, n_layer=2, n_head=2,
                     activation_function="gelu_new", attn_implementation="eager")
    m = GPT2LMHeadModel(cfg).eval()
    perturb(m, 1)
    write("gpt2-fullvocab", m, ids, PROMPT)

    # 2. Deeper/wider GPT-2 with an untied output head and a non-default epsilon.
    cfg = GPT2Config(vocab_size=384, n_positions=64, n_embd=48, n_layer=3, n_head=3, n_inner=160,
                     layer_norm_epsilon=1e-4, tie_word_embeddings=False, attn_implementation="eager")
    m = GPT2LMHeadModel(cfg).eval()
    perturb(m, 2)
    rng = np.random.default_rng(2)
    write("gpt2-untied", m, rng.integers(0, 384, 40).tolist())

    # 3a. GPT-2 files that change the attention scores' scale: Stanford CRFM's Mistral GPT-2s
    #     divide block l's scores by l + 1 as well (scale_attn_by_inverse_layer_idx, with
    #     reorder_and_upcast_attn); scale_attn_weights=False drops the 1/sqrt(d_head).
    cfg = GPT2Config(vocab_size=384, n_positions=64, n_embd=48, n_layer=3, n_head=3,
                     scale_attn_by_inverse_layer_idx=True, reorder_and_upcast_attn=True, attn_implementation="eager")
    m = GPT2LMHeadModel(cfg).eval()
    perturb(m, 4)
    rng = np.random.default_rng(4)
    write("gpt2-inverse-layer-scale", m, rng.integers(0, 384, 40).tolist())
    cfg = GPT2Config(vocab_size=384, n_positions=64, n_embd=48, n_layer=3, n_head=3,
                     scale_attn_weights=False, attn_implementation="eager")
    m = GPT2LMHeadModel(cfg).eval()
    perturb(m, 5)
    rng = np.random.default_rng(5)
    write("gpt2-unscaled-attention", m, rng.integers(0, 384, 40).tolist())

    # 3. GPT-1 (openai-gpt): post-LN, no final norm. Note: HF's openai-gpt maps afn "gelu" to the
    #    tanh approximation (ACT_FNS["gelu"] is gelu_new), as the original GPT-1 code did.
    cfg = OpenAIGPTConfig(vocab_size=300, n_positions=48, n_embd=32, n_layer=2, n_head=4, afn="gelu",
                          attn_implementation="eager")
    m = OpenAIGPTLMHeadModel(cfg).eval()
    perturb(m, 3)
    rng = np.random.default_rng(3)
    write("gpt1-tiny", m, rng.integers(0, 300, 30).tolist())

    dtype_fixture()


if __name__ == "__main__":
    main()
