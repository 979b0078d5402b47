#!/usr/bin/env python3
"""Reference numbers for the Experiments target (ablation, activation patching, direct logit
attribution), computed with Hugging Face transformers and hand-written PyTorch hooks.

Builds a tiny random GPT-2 (perturbed like model_fixtures.py, so no bias or norm sits at its
init) and saves it as a checkpoint; also reads the existing GPT-1 fixture (post-norm). For each:
- ablation: every head zeroed / mean-ablated (its columns of the input to attn.c_proj, i.e.
  TransformerLens' hook_z) and every MLP output zeroed / mean-ablated, the change in mean
  next-token loss over the second half of a repeated sequence and in the logit difference;
  plus the last-position logits with two heads ablated at once;
- patching: clean -> corrupt patches of resid_pre (block pre-hook), attn_out (attn.c_proj
  output), mlp_out (block.mlp output) per layer x position, each head's z per layer x head and
  per layer x head x position, normalised (m - m_corrupt) / (m_clean - m_corrupt);
- attribution (GPT-2 only): each component's output at the last position centred and divided
  by the final LayerNorm's scale frozen from the run (TransformerLens apply_ln_to_stack), dotted
  with ln_f.weight * (W_U[answer] - W_U[wrong]); ln_f.bias's part; their sum checked against the logits.

Run from the repository root:  python3 Tests/Scripts/experiments_reference.py
Writes Tests/ExperimentsTests/Fixtures/tiny-gpt2/ and Tests/ExperimentsTests/Fixtures/experiments_reference.json.
"""
import json
import os
import shutil
import sys

import numpy as np
import torch
from transformers import AutoModelForCausalLM, GPT2Config, GPT2LMHeadModel

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
from model_fixtures import perturb  # noqa: E402  (same perturbation as the GPTModel fixtures)

FIXTURES = os.path.join(HERE, "..", "ExperimentsTests", "Fixtures")
GPT1 = os.path.join(HERE, "..", "GPTModelTests", "Fixtures", "models", "gpt1-tiny")
FAMILIES = os.path.join(HERE, "..", "GPTModelTests", "Fixtures", "families")


class Family:
    """Where GPT-2 / GPT-1, Llama / Qwen2 and GPT-NeoX keep their blocks, projections and norms."""

    def __init__(self, model):
        cfg = model.config
        self.kind = cfg.model_type
        if hasattr(model, "transformer"):            # GPT-2, GPT-1: Conv1D [in, out]
            self.blocks = model.transformer.h
            self.nh, c = cfg.n_head, cfg.n_embd
            self.hs = c // self.nh
            self.embed = model.transformer.tokens_embed if hasattr(model.transformer, "tokens_embed") else model.transformer.wte
            self.pos_embed = getattr(model.transformer, "wpe", None) or getattr(model.transformer, "positions_embed", None)
            self.final_norm = getattr(model.transformer, "ln_f", None)
            self.unembed = model.lm_head
        elif hasattr(model, "gpt_neox"):            # nn.Linear [out, in]
            self.blocks = model.gpt_neox.layers
            self.nh = cfg.num_attention_heads
            self.hs = cfg.hidden_size // self.nh
            self.embed, self.pos_embed = model.gpt_neox.embed_in, None
            self.final_norm = model.gpt_neox.final_layer_norm
            self.unembed = model.get_output_embeddings()
        else:                                        # Llama, Qwen2, Mistral
            self.blocks = model.model.layers
            self.nh = cfg.num_attention_heads
            self.hs = getattr(cfg, "head_dim", None) or cfg.hidden_size // self.nh
            self.embed, self.pos_embed = model.model.embed_tokens, None
            self.final_norm = model.model.norm
            self.unembed = model.lm_head

    def out_proj(self, layer):
        """The attention's output projection (its input is hook_z, its output hook_attn_out)."""
        block = self.blocks[layer]
        if hasattr(block, "attn"):
            return block.attn.c_proj
        if hasattr(block, "attention"):
            return block.attention.dense
        return block.self_attn.o_proj

    def head_inputs(self, layer, h):
        """Query head h's W_Q, W_K, W_V as numpy [C, hs] (x @ W), from GPT-2's c_attn, Llama's q/k/v_proj
        (kv head h // (NH / KV)) or GPT-NeoX's query_key_value ([NH, 3, hs] rows)."""
        block, hs = self.blocks[layer], self.hs
        if hasattr(block, "attn"):
            W = block.attn.c_attn.weight.double().numpy()                    # Conv1D [C, 3A]
            a = self.nh * hs
            return tuple(W[:, p * a + h * hs:p * a + (h + 1) * hs] for p in range(3))
        if hasattr(block, "attention"):
            W = block.attention.query_key_value.weight.double().numpy()      # [NH*3*hs, C]
            return tuple(W[(h * 3 + p) * hs:(h * 3 + p + 1) * hs].T for p in range(3))
        attn = block.self_attn
        g = h // (self.nh // (attn.k_proj.weight.shape[0] // hs))
        return tuple(w.weight.double().numpy()[i * hs:(i + 1) * hs].T
                     for w, i in ((attn.q_proj, h), (attn.k_proj, g), (attn.v_proj, g)))

    def W_O(self, layer):
        """[NH*hs, C] as TransformerLens stores it: rows h*hs ... (h+1)*hs are head h's."""
        w = self.out_proj(layer).weight.double()
        return w if self.kind in ("gpt2", "openai-gpt") else w.T


class Hooks:
    """Edits at hook points, as TransformerLens names them, applied with PyTorch hooks."""

    def __init__(self, model):
        self.model = model
        self.family = Family(model)
        self.blocks = self.family.blocks
        self.nh, self.hs = self.family.nh, self.family.hs
        self.handles = []
        self.record = {}

    def z(self, layer, fn):
        """fn([T, NH, hs]) -> [T, NH, hs] on the input of the output projection (merged query heads)."""
        def pre(_m, inputs):
            x = inputs[0]
            t = x.shape[1]
            z = x[0].reshape(t, self.nh, self.hs).clone()
            self.record[f"z{layer}"] = z.clone()
            z = fn(z)
            return (z.reshape(1, t, self.nh * self.hs),)
        self.handles.append(self.family.out_proj(layer).register_forward_pre_hook(pre))

    def resid_pre(self, layer, fn):
        def pre(_m, args, kwargs):
            if args:
                x = args[0]
                self.record[f"resid_pre{layer}"] = x[0].clone()
                return (fn(x[0]).unsqueeze(0),) + tuple(args[1:]), kwargs
            x = kwargs["hidden_states"]
            self.record[f"resid_pre{layer}"] = x[0].clone()
            kwargs = dict(kwargs, hidden_states=fn(x[0]).unsqueeze(0))
            return args, kwargs
        self.handles.append(self.blocks[layer].register_forward_pre_hook(pre, with_kwargs=True))

    def output(self, module, key, fn):
        def post(_m, _inputs, out):
            first = out[0] if isinstance(out, tuple) else out
            self.record[key] = first[0].clone()
            new = fn(first[0]).unsqueeze(0)
            return (new,) + tuple(out[1:]) if isinstance(out, tuple) else new
        self.handles.append(module.register_forward_hook(post))

    def attn_out(self, layer, fn):
        self.output(self.family.out_proj(layer), f"attn_out{layer}", fn)

    def final(self):
        """Records the residual stream entering the final norm."""
        def pre(_m, inputs):
            self.record["final"] = inputs[0][0].clone()
        self.handles.append(self.family.final_norm.register_forward_pre_hook(pre))

    def mlp_out(self, layer, fn):
        self.output(self.blocks[layer].mlp, f"mlp_out{layer}", fn)

    def run(self, ids):
        with torch.no_grad():
            logits = self.model(torch.tensor([ids])).logits[0].double()
        for h in self.handles:
            h.remove()
        self.handles = []
        return logits


def identity(x):
    return x


def record_all(model, ids):
    """One unedited run recording z, resid_pre, attn_out, mlp_out of every layer."""
    hooks = Hooks(model)
    for layer in range(len(hooks.blocks)):
        hooks.z(layer, identity)
        hooks.resid_pre(layer, identity)
        hooks.attn_out(layer, identity)
        hooks.mlp_out(layer, identity)
    if hooks.family.final_norm is not None:
        hooks.final()
    logits = hooks.run(ids)
    return logits, hooks.record


def loss(logits, ids, positions):
    logp = torch.log_softmax(logits, dim=-1)
    return float(-sum(logp[p, ids[p + 1]] for p in positions) / len(positions))


def logit_diff(logits, answer, wrong, row=-1):
    return float(logits[row, answer] - logits[row, wrong])


def ablation(model, ids, loss_positions, answer, wrong):
    L, nh = len(Family(model).blocks), Family(model).nh
    base_logits, rec = record_all(model, ids)
    base_loss = loss(base_logits, ids, loss_positions)
    base_ld = logit_diff(base_logits, answer, wrong)
    out = {"baseline_loss": base_loss, "baseline_logit_diff": base_ld}
    for mode in ("zero", "mean"):
        heads_loss, heads_ld, mlp_loss, mlp_ld = [], [], [], []
        for layer in range(L):
            row_loss, row_ld = [], []
            for h in range(nh):
                def edit(z, h=h, layer=layer):
                    z = z.clone()
                    z[:, h, :] = 0 if mode == "zero" else rec[f"z{layer}"][:, h, :].mean(0)
                    return z
                hooks = Hooks(model)
                hooks.z(layer, edit)
                logits = hooks.run(ids)
                row_loss.append(loss(logits, ids, loss_positions) - base_loss)
                row_ld.append(logit_diff(logits, answer, wrong) - base_ld)
            heads_loss.append(row_loss)
            heads_ld.append(row_ld)

            def mlp_edit(x, layer=layer):
                return torch.zeros_like(x) if mode == "zero" else rec[f"mlp_out{layer}"].mean(0).expand_as(x).clone()
            hooks = Hooks(model)
            hooks.mlp_out(layer, mlp_edit)
            logits = hooks.run(ids)
            mlp_loss.append(loss(logits, ids, loss_positions) - base_loss)
            mlp_ld.append(logit_diff(logits, answer, wrong) - base_ld)
        out[mode] = {"heads_loss": heads_loss, "heads_logit_diff": heads_ld, "mlp_loss": mlp_loss, "mlp_logit_diff": mlp_ld}
        # Two heads ablated together (in different layers), the whole last row of logits.
        pair = [(0, 1), (L - 1, nh - 1)]
        hooks = Hooks(model)
        for layer, h in pair:
            def edit(z, h=h, layer=layer):
                z = z.clone()
                z[:, h, :] = 0 if mode == "zero" else rec[f"z{layer}"][:, h, :].mean(0)
                return z
            hooks.z(layer, edit)
        logits = hooks.run(ids)
        out[mode]["pair"] = [f"{layer}.{h}" for layer, h in pair]
        out[mode]["pair_last_logits"] = logits[-1].tolist()
    return out


def patching(model, clean, corrupt, answer, wrong):
    L, nh, T = len(Family(model).blocks), Family(model).nh, len(clean)
    clean_logits, rec = record_all(model, clean)
    corrupt_logits = Hooks(model).run(corrupt)
    m_clean, m_corrupt = logit_diff(clean_logits, answer, wrong), logit_diff(corrupt_logits, answer, wrong)

    def score(install):
        hooks = Hooks(model)
        install(hooks)
        return (logit_diff(hooks.run(corrupt), answer, wrong) - m_corrupt) / (m_clean - m_corrupt)

    def row_patch(key, layer, p):
        def fn(x):
            x = x.clone()
            x[p] = rec[f"{key}{layer}"][p]
            return x
        return fn

    grids = {}
    for key, method in (("resid_pre", Hooks.resid_pre), ("attn_out", Hooks.attn_out), ("mlp_out", Hooks.mlp_out)):
        grids[key] = [[score(lambda hk, l=layer, p=p: method(hk, l, row_patch(key, l, p))) for p in range(T)] for layer in range(L)]

    def head_patch(layer, h, p=None):
        def fn(z):
            z = z.clone()
            if p is None:
                z[:, h, :] = rec[f"z{layer}"][:, h, :]
            else:
                z[p, h, :] = rec[f"z{layer}"][p, h, :]
            return z
        return fn
    grids["heads"] = [[score(lambda hk, l=layer, h=h: hk.z(l, head_patch(l, h))) for h in range(nh)] for layer in range(L)]
    grids["head_positions"] = [[[score(lambda hk, l=layer, h=h, p=p: hk.z(l, head_patch(l, h, p))) for p in range(T)]
                                for h in range(nh)] for layer in range(L)]
    return {"clean": m_clean, "corrupt": m_corrupt, **grids}


def attribution(model, ids, answer, wrong):
    """TransformerLens' decomposition, from HF modules: embed, pos_embed, heads, attention biases, MLPs.

    LayerNorm (GPT-2, GPT-NeoX): part(v) = (v - mean v) / sigma . (gamma * (W_U[a] - W_U[w])), sigma frozen;
    RMSNorm (Llama, Qwen2): no centring, part(v) = v / rms . (gamma * (W_U[a] - W_U[w])), rms frozen.
    q/k/v biases need no part of their own: they act through the pattern and z, so sit in the heads' parts."""
    fam = Family(model)
    L, nh, hs = len(fam.blocks), fam.nh, fam.hs
    logits, rec = record_all(model, ids)
    t = torch.tensor([ids])
    with torch.no_grad():
        embed = fam.embed(t)[0, -1].double()
        pos = fam.pos_embed(torch.arange(len(ids)))[-1].double() if fam.pos_embed is not None else None
    final = rec["final"][-1].double()
    ln = fam.final_norm
    rms = not hasattr(ln, "bias") or ln.bias is None
    W_U = fam.unembed.weight.double()
    direction = ln.weight.double() * (W_U[answer] - W_U[wrong])
    eps = getattr(ln, "eps", None) or getattr(ln, "variance_epsilon")
    centre = 0 if rms else final.mean()
    scale = torch.sqrt(((final - centre) ** 2).mean() + eps)

    def part(v):
        return float(((v - (0 if rms else v.mean())) / scale) @ direction)
    heads, biases = [], []
    with torch.no_grad():
        for layer in range(L):
            W_O = fam.W_O(layer)                                          # [NH*hs, C]
            z = rec[f"z{layer}"][-1].double()                             # [NH, hs]
            heads.append([part(z[h] @ W_O[h * hs:(h + 1) * hs]) for h in range(nh)])
            b = fam.out_proj(layer).bias
            biases.append(0.0 if b is None else part(b.double()))
        mlp = [part(rec[f"mlp_out{layer}"][-1].double()) for layer in range(L)]
        bias = 0.0 if rms else float(ln.bias.double() @ (W_U[answer] - W_U[wrong]))
    total = logit_diff(logits, answer, wrong)
    parts = part(embed) + (part(pos) if pos is not None else 0.0) + sum(map(sum, heads)) + sum(biases) + sum(mlp) + bias
    assert abs(parts - total) < 1e-4 * max(1, abs(total)), (parts, total)
    return {"total": total, "embed": part(embed), "pos_embed": part(pos) if pos is not None else 0.0, "heads": heads,
            "attention_bias": biases, "mlp": mlp, "final_norm_bias": bias}


def circuits(model, tokens):
    """Copying scores from the full [V, V] OV circuit's eigenvalues (numpy, gamma of the first norm and the final norm
    folded in), and one QK circuit; each head's W_Q, W_K, W_V read from the family's own layout (GQA: query head h
    reads kv head h // (NH / KV))."""
    fam = Family(model)
    L, nh, hs = len(fam.blocks), fam.nh, fam.hs
    with torch.no_grad():
        W_E = fam.embed.weight.double().numpy()
        W_U = (fam.unembed.weight.double() * fam.final_norm.weight.double()).numpy()   # [V, C], gamma_f folded
        scores, qk = [], None
        for layer in range(L):
            block = fam.blocks[layer]
            ln1 = block.ln_1 if hasattr(block, "ln_1") else block.input_layernorm
            g1 = ln1.weight.double().numpy()
            W_O = fam.W_O(layer).numpy()                                    # [NH*hs, C]
            row = []
            for h in range(nh):
                W_Q, W_K, W_V = fam.head_inputs(layer, h)                   # [C, hs] each
                ov = W_E @ (g1[:, None] * W_V) @ W_O[h * hs:(h + 1) * hs] @ W_U.T       # [V, V]
                eig = np.linalg.eigvals(ov)
                row.append(float((eig.sum() / np.abs(eig).sum()).real))
                if layer == L - 1 and h == 1:
                    # QK between tokens: each embedding through the first norm in full, then W_Q and W_K (no biases, no rotation).
                    x = ln1(fam.embed.weight[tokens]).double().numpy()
                    qk = ((x @ W_Q) @ (x @ W_K).T / np.sqrt(hs)).tolist()
            scores.append(row)
    return {"copying": scores, "qk_head": f"{L - 1}.1", "qk_tokens": tokens, "qk": qk}


def experiment(model, vocab, seed):
    rng = np.random.default_rng(seed)
    half = rng.integers(0, vocab, 6).tolist()
    repeated = [int(rng.integers(0, vocab))] + half + half          # T = 13
    loss_positions = list(range(7, 12))                             # predictions of the second copy's tokens 2..6
    clean = rng.integers(0, vocab, 7).tolist()
    corrupt = list(clean)
    corrupt[2] = (clean[2] + 5) % vocab
    corrupt[4] = (clean[4] + 11) % vocab
    clean_last = Hooks(model).run(clean)[-1]
    corrupt_last = Hooks(model).run(corrupt)[-1]
    answer = int(torch.argmax(clean_last))
    wrong = int(torch.argmax(corrupt_last))
    if wrong == answer:
        wrong = int(torch.argsort(clean_last, descending=True)[1])
    out = {"repeated": repeated, "loss_positions": [loss_positions[0], loss_positions[-1] + 1],
           "clean": clean, "corrupt": corrupt, "answer": answer, "wrong": wrong,
           "ablation": ablation(model, repeated, loss_positions, answer, wrong),
           "patching": patching(model, clean, corrupt, answer, wrong)}
    if model.config.model_type != "openai-gpt":   # pre-norm only
        out["attribution"] = attribution(model, clean, answer, wrong)
        out["circuits"] = circuits(model, [1, 5, 9, 33])
    return out


def main():
    torch.manual_seed(14)
    cfg = GPT2Config(vocab_size=64, n_positions=16, n_embd=24, n_layer=3, n_head=4, n_inner=40,
                     activation_function="gelu_new", attn_implementation="eager")
    model = GPT2LMHeadModel(cfg).eval()
    perturb(model, 14)
    folder = os.path.join(FIXTURES, "tiny-gpt2")
    shutil.rmtree(folder, ignore_errors=True)
    model.save_pretrained(folder, safe_serialization=True)
    extra = os.path.join(folder, "generation_config.json")
    if os.path.exists(extra):
        os.remove(extra)
    reference = {"tiny-gpt2": experiment(model, 64, 1)}
    gpt1 = AutoModelForCausalLM.from_pretrained(GPT1, dtype=torch.float32, attn_implementation="eager").eval()
    reference["gpt1-tiny"] = experiment(gpt1, gpt1.config.vocab_size, 2)
    # The families' parity fixtures: GQA (4 query heads over 2 kv heads), Qwen2's q/k/v biases without
    # an o_proj bias, GPT-NeoX's parallel residual with LayerNorm, Mistral's sliding-window attention.
    for name, seed in (("llama-gqa", 3), ("qwen2-sharded", 4), ("neox-parallel", 5), ("mistral-window", 6)):
        family = AutoModelForCausalLM.from_pretrained(os.path.join(FAMILIES, name), dtype=torch.float32,
                                                      attn_implementation="eager").eval()
        reference[name] = experiment(family, family.config.vocab_size, seed)
    with open(os.path.join(FIXTURES, "experiments_reference.json"), "w") as f:
        json.dump(reference, f)
    for name, r in reference.items():
        print(name, "answer", r["answer"], "wrong", r["wrong"], "clean", r["patching"]["clean"], "corrupt", r["patching"]["corrupt"])


if __name__ == "__main__":
    main()
