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


class Hooks:
    """Edits at hook points, as TransformerLens names them, applied with PyTorch hooks."""

    def __init__(self, model):
        self.model = model
        self.blocks = model.transformer.h
        self.nh = model.config.n_head
        self.c = model.config.n_embd
        self.hs = self.c // self.nh
        self.handles = []
        self.record = {}

    def z(self, layer, fn):
        """fn([T, NH, hs]) -> [T, NH, hs] on the input of attn.c_proj (merged heads)."""
        def pre(_m, inputs):
            x = inputs[0]
            t = x.shape[1]
            z = x[0].reshape(t, self.nh, self.hs).clone()
            self.record[f"z{layer}"] = z.clone()
            z = fn(z)
            return (z.reshape(1, t, self.c),)
        self.handles.append(self.blocks[layer].attn.c_proj.register_forward_pre_hook(pre))

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
        self.output(self.blocks[layer].attn.c_proj, f"attn_out{layer}", fn)

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
    logits = hooks.run(ids)
    return logits, hooks.record


def loss(logits, ids, positions):
    logp = torch.log_softmax(logits, dim=-1)
    return float(-sum(logp[p, ids[p + 1]] for p in positions) / len(positions))


def logit_diff(logits, answer, wrong, row=-1):
    return float(logits[row, answer] - logits[row, wrong])


def ablation(model, ids, loss_positions, answer, wrong):
    L, nh = model.config.n_layer, model.config.n_head
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
    L, nh, T = model.config.n_layer, model.config.n_head, len(clean)
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
    """TransformerLens' decomposition, from HF modules: embed, pos_embed, heads, attention biases, MLPs."""
    L, nh, c = model.config.n_layer, model.config.n_head, model.config.n_embd
    hs = c // nh
    logits, rec = record_all(model, ids)
    t = torch.tensor([ids])
    with torch.no_grad():
        embed = model.transformer.wte(t)[0, -1].double()
        pos = model.transformer.wpe(torch.arange(len(ids)))[-1].double()
        final = model.transformer.h[-1](rec[f"resid_pre{L - 1}"].unsqueeze(0))  # the last block's output
        final = (final[0] if isinstance(final, tuple) else final)[0, -1].double()
    ln = model.transformer.ln_f
    W_U = model.lm_head.weight.double()
    direction = ln.weight.double() * (W_U[answer] - W_U[wrong])
    scale = torch.sqrt(((final - final.mean()) ** 2).mean() + ln.eps)

    def part(v):
        return float(((v - v.mean()) / scale) @ direction)
    heads, biases = [], []
    for layer in range(L):
        W_O = model.transformer.h[layer].attn.c_proj.weight.double()   # Conv1D [C, C] = [NH*hs, C]
        z = rec[f"z{layer}"][-1].double()                               # [NH, hs]
        heads.append([part(z[h] @ W_O[h * hs:(h + 1) * hs]) for h in range(nh)])
        biases.append(part(model.transformer.h[layer].attn.c_proj.bias.double()))
    mlp = [part(rec[f"mlp_out{layer}"][-1].double()) for layer in range(L)]
    bias = float(ln.bias.double() @ (W_U[answer] - W_U[wrong]))
    total = logit_diff(logits, answer, wrong)
    parts = part(embed) + part(pos) + sum(map(sum, heads)) + sum(biases) + sum(mlp) + bias
    assert abs(parts - total) < 1e-4 * max(1, abs(total)), (parts, total)
    return {"total": total, "embed": part(embed), "pos_embed": part(pos), "heads": heads,
            "attention_bias": biases, "mlp": mlp, "final_norm_bias": bias}


def circuits(model, tokens):
    """Copying scores from the full [V, V] OV circuit's eigenvalues (numpy, gamma of ln_1 and ln_f folded in), and one QK circuit."""
    L, nh, c = model.config.n_layer, model.config.n_head, model.config.n_embd
    hs = c // nh
    with torch.no_grad():
        W_E = model.transformer.wte.weight.double().numpy()
        W_U = (model.lm_head.weight.double() * model.transformer.ln_f.weight.double()).numpy()   # [V, C], gamma_f folded
        scores, qk = [], None
        for layer in range(L):
            block = model.transformer.h[layer]
            g1 = block.ln_1.weight.double().numpy()
            W = block.attn.c_attn.weight.double().numpy()            # Conv1D [C, 3C]
            W_O = block.attn.c_proj.weight.double().numpy()          # [C, C] = [NH*hs, C]
            row = []
            for h in range(nh):
                W_V = g1[:, None] * W[:, 2 * c + h * hs:2 * c + (h + 1) * hs]
                ov = W_E @ W_V @ W_O[h * hs:(h + 1) * hs] @ W_U.T       # [V, V]
                eig = np.linalg.eigvals(ov)
                row.append(float((eig.sum() / np.abs(eig).sum()).real))
                if layer == L - 1 and h == 1:
                    # QK between tokens: each embedding through ln_1 in full, then W_Q and W_K (no biases).
                    W_Q = W[:, h * hs:(h + 1) * hs]
                    W_K = W[:, c + h * hs:c + (h + 1) * hs]
                    x = block.ln_1(model.transformer.wte.weight[tokens]).double().numpy()
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
    if isinstance(model, GPT2LMHeadModel):
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
    with open(os.path.join(FIXTURES, "experiments_reference.json"), "w") as f:
        json.dump(reference, f)
    for name, r in reference.items():
        print(name, "answer", r["answer"], "wrong", r["wrong"], "clean", r["patching"]["clean"], "corrupt", r["patching"]["corrupt"])


if __name__ == "__main__":
    main()
