#!/usr/bin/env python3
"""Reference gradients for GPTScope's hand-written backward pass (Tests/TrainingTests).

Builds tiny Hugging Face models with PyTorch (GPT-2: GPT2LMHeadModel, pre-LN, tied head, also
with GPT-2's two attention-scaling options; GPT-1: OpenAIGPTLMHeadModel, post-LN), perturbs every LayerNorm and bias away from its
initial value so that no gradient term hides behind a 1 or a 0, runs a fixed batch through
them in float64, and saves the mean next-token cross-entropy and every parameter's gradient
(autograd) next to the model:

    Fixtures/<name>/config.json, model.safetensors      the model (fp32, as GPT.load reads it)
    Fixtures/<name>/batch.json                          {"inputs": [[...]], "targets": [[...]], "loss": x}
    Fixtures/<name>/gradients.safetensors               d loss / d parameter, checkpoint names

It also writes Fixtures/adamw.json: two steps of torch.optim.AdamW on hand-picked values.

Run from the repository root:  python3 Tests/Scripts/grad_reference.py
"""
import json
import os

import torch
from safetensors.torch import save_file
from transformers import GPT2Config, GPT2LMHeadModel, OpenAIGPTConfig, OpenAIGPTLMHeadModel

ROOT = os.path.join(os.path.dirname(__file__), "..", "TrainingTests", "Fixtures")


def perturb(model, generator):
    """Moves LayerNorm weights off 1 and biases off 0 (deterministically)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(".bias") or "ln_" in name:
                p.add_(0.1 * torch.randn(p.shape, generator=generator, dtype=p.dtype))


def write(name, model, prefix, inputs, targets):
    folder = os.path.join(ROOT, name)
    os.makedirs(folder, exist_ok=True)
    model = model.double().eval()
    model.zero_grad()
    logits = model(input_ids=inputs).logits  # [B, T, V]
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    loss.backward()

    # The checkpoint Swift reads: fp32, names without the "transformer." prefix, head tied.
    model.float().config.to_json_file(os.path.join(folder, "config.json"))
    weights, grads = {}, {}
    for key, p in model.named_parameters():
        short = key[len(prefix):] if key.startswith(prefix) else key
        weights[short] = p.detach().float().contiguous().clone()
        grads[short] = p.grad.detach().float().contiguous().clone()
    save_file(weights, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    save_file(grads, os.path.join(folder, "gradients.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(folder, "batch.json"), "w") as f:
        json.dump({"inputs": inputs.tolist(), "targets": targets.tolist(), "loss": loss.item()}, f)
    print(f"{name}: loss {loss.item():.6f}, {len(grads)} gradients")


def adamw_reference():
    """Two AdamW steps on hand values; weight decay on the matrix only (as the trainer does)."""
    matrix = torch.tensor([[0.5, -1.0], [2.0, 0.25]], dtype=torch.float64, requires_grad=True)
    vector = torch.tensor([0.1, -0.3], dtype=torch.float64, requires_grad=True)
    grads = [([[0.2, -0.4], [1.5, -0.05]], [0.01, -2.0]), ([[-0.1, 0.3], [0.5, 0.0]], [0.5, 0.25])]
    lr, betas, eps, wd = 0.01, (0.9, 0.95), 1e-8, 0.1
    opt = torch.optim.AdamW([{"params": [matrix], "weight_decay": wd}, {"params": [vector], "weight_decay": 0.0}],
                            lr=lr, betas=betas, eps=eps)
    steps = []
    for gm, gv in grads:
        matrix.grad = torch.tensor(gm, dtype=torch.float64)
        vector.grad = torch.tensor(gv, dtype=torch.float64)
        opt.step()
        steps.append({"matrix": matrix.detach().tolist(), "vector": vector.detach().tolist()})
    out = {"lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps, "weight_decay": wd,
           "matrix": [[0.5, -1.0], [2.0, 0.25]], "vector": [0.1, -0.3],
           "gradients": [{"matrix": gm, "vector": gv} for gm, gv in grads], "after": steps,
           "torch": torch.__version__}
    with open(os.path.join(ROOT, "adamw.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("adamw.json written")


def main():
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(1234)
    batch, length, vocab = 3, 8, 37
    tokens = torch.randint(0, vocab, (batch, length + 1), generator=g)
    inputs, targets = tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()

    gpt2 = GPT2LMHeadModel(GPT2Config(vocab_size=vocab, n_positions=16, n_embd=16, n_layer=2, n_head=4,
                                      resid_pdrop=0, embd_pdrop=0, attn_pdrop=0, tie_word_embeddings=True))
    perturb(gpt2, g)
    write("grad-gpt2-tiny", gpt2, "transformer.", inputs, targets)

    gpt1 = OpenAIGPTLMHeadModel(OpenAIGPTConfig(vocab_size=vocab, n_positions=16, n_embd=16, n_layer=2, n_head=4,
                                                afn="gelu", resid_pdrop=0, embd_pdrop=0, attn_pdrop=0))
    perturb(gpt1, g)
    write("grad-gpt1-tiny", gpt1, "transformer.", inputs, targets)

    # GPT-2 with its attention scores scaled differently: no 1/sqrt(d_head) (scale_attn_weights=False)
    # and block l divided by l + 1 (scale_attn_by_inverse_layer_idx), so the backward pass's scale
    # factor is checked away from 1/sqrt(d_head).
    scaled = GPT2LMHeadModel(GPT2Config(vocab_size=vocab, n_positions=16, n_embd=16, n_layer=2, n_head=4,
                                        resid_pdrop=0, embd_pdrop=0, attn_pdrop=0, tie_word_embeddings=True,
                                        scale_attn_weights=False, scale_attn_by_inverse_layer_idx=True))
    perturb(scaled, g)
    write("grad-gpt2-scaled", scaled, "transformer.", inputs, targets)

    # Windows of 128 tokens, the built-in model's context: long enough that the attention's
    # blocked (tiled) paths run, which the 8-token batch above never reaches.
    g_long = torch.Generator().manual_seed(4321)
    long_tokens = torch.randint(0, vocab, (2, 129), generator=g_long)
    torch.manual_seed(7)  # its own initial weights, whatever the models above drew
    long = GPT2LMHeadModel(GPT2Config(vocab_size=vocab, n_positions=128, n_embd=32, n_layer=2, n_head=4,
                                      resid_pdrop=0, embd_pdrop=0, attn_pdrop=0, tie_word_embeddings=True))
    perturb(long, g_long)
    write("grad-gpt2-long", long, "transformer.", long_tokens[:, :-1].contiguous(), long_tokens[:, 1:].contiguous())

    # GPT-2 with its own output head (tie_word_embeddings false: lm_head.weight apart from wte).
    torch.manual_seed(8)
    untied = GPT2LMHeadModel(GPT2Config(vocab_size=vocab, n_positions=16, n_embd=16, n_layer=2, n_head=4,
                                        resid_pdrop=0, embd_pdrop=0, attn_pdrop=0, tie_word_embeddings=False))
    perturb(untied, g_long)
    write("grad-gpt2-untied", untied, "transformer.", inputs, targets)

    adamw_reference()


if __name__ == "__main__":
    main()
