"""matplotlib versions of every `gptscope report` figure, drawn from the report's saved files.

Used by matplotlib_report_bench.py. Reads REPORT/summary.json (figure list, sizes in points,
PNG scale, configuration, tokens) and REPORT/tensors.safetensors (recorded hooks under their
TransformerLens names, `wpe`, and the logit lens readout), computes what each figure needs with
numpy (head means and maxima, rollout, head scores, norms, similarities, softmax), and writes one
PNG per figure at the same size and resolution. Written for speed the usual way: imshow for
heatmaps, LineCollection for the head view, one Agg canvas per figure, closed after saving.
"""
import base64
import json
import re
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from safetensors import safe_open  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402

RANKS = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "CEmbeddedData", "gpt2.tiktoken")


def draw_report(report, out, only=None):
    with open(os.path.join(report, "summary.json")) as f:
        summary = json.load(f)
    tensors = load_file(os.path.join(report, summary["tensorsFile"]))
    with safe_open(os.path.join(report, summary["tensorsFile"]), framework="np") as f:
        metadata = f.metadata() or {}
    os.makedirs(out, exist_ok=True)
    context = Context(summary, tensors, metadata)
    count = 0
    for record in summary["figures"]:
        stem = record["stem"]
        if only and stem != only:
            continue
        draw = pick(stem)
        if draw is None:
            continue   # no matplotlib version: gptscope's time still includes it (the comparison errs against gptscope)
        fig = plt.figure(figsize=(record["width"] / 72, record["height"] / 72), dpi=72)
        draw(fig, context, stem)
        fig.suptitle(record["title"], x=0.02, ha="left", fontsize=13, fontweight="bold")
        fig.savefig(os.path.join(out, stem + ".png"), dpi=72 * summary["scale"])
        plt.close(fig)
        count += 1
    return count


class Context:
    def __init__(self, summary, tensors, metadata):
        self.summary, self.t, self.meta = summary, tensors, metadata
        c = summary["configuration"]
        self.layers, self.heads = c["layerCount"], c["headCount"]
        self.labels = [plain(tok["label"]) for tok in summary["tokens"]]
        self.ids = np.array([tok["id"] for tok in summary["tokens"]])
        self._vocab = None

    def pattern(self, layer):
        return self.t[f"blocks.{layer}.attn.hook_pattern"]  # [NH, T, T]

    def vocab(self):
        if self._vocab is None:
            self._vocab = {}
            with open(RANKS) as f:
                for line in f:
                    token, rank = line.split()
                    self._vocab[int(rank)] = base64.b64decode(token)
        return self._vocab

    def label(self, token_id):
        data = self.vocab().get(int(token_id), b"?")
        try:
            return plain(data.decode("utf-8").replace(" ", "\u00b7").replace("\n", "\\n"))
        except UnicodeDecodeError:
            return "".join(f"<{b:02x}>" for b in data)


def plain(label):
    """A token label as literal text: matplotlib would read "$…$" as TeX."""
    return label.replace("$", r"\$")


def masked(matrix):
    t = matrix.shape[-1]
    return np.ma.masked_where(np.triu(np.ones((t, t), bool), 1), matrix)


def heat(ax, matrix, labels=None, cmap="viridis", vmin=0, vmax=1, values=False):
    image = ax.imshow(masked(matrix) if matrix.shape[0] == matrix.shape[1] else matrix, cmap=cmap, vmin=vmin,
                      vmax=vmax, interpolation="nearest", aspect="equal")
    image.cmap.set_bad("#ececec")
    if labels is not None:
        step = max(1, len(labels) // 40)
        ticks = list(range(0, len(labels), step))
        ax.set_xticks(ticks, [labels[i] for i in ticks], rotation=-45, ha="left", fontsize=7)
        ax.set_yticks(ticks, [labels[i] for i in ticks], fontsize=7)
    else:
        ax.set_xticks([]), ax.set_yticks([])
    if values and matrix.shape[0] * matrix.shape[1] <= 625:
        for (r, c), v in np.ndenumerate(matrix):
            if r >= c or matrix.shape[0] != matrix.shape[1]:
                ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=6, color="white" if v < 0.6 else "black")
    return image


def grid(fig, matrices, columns, titles, cmap="viridis", labels=None):
    rows = (len(matrices) + columns - 1) // columns
    axes = fig.subplots(rows, columns, squeeze=False)
    image = None
    for i, ax in enumerate(axes.flat):
        if i < len(matrices):
            image = heat(ax, matrices[i], labels=labels, cmap=cmap)
            ax.set_title(titles[i], fontsize=9)
        else:
            ax.axis("off")
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.8, label="attention weight")


def tokens_figure(fig, ctx, stem):
    ax = fig.add_axes([0.02, 0.05, 0.96, 0.8])
    ax.set_xlim(0, 900), ax.set_ylim(0, 1), ax.axis("off")
    renderer = fig.canvas.get_renderer()
    x, y = 0.0, 0.9
    colours = ["#CFE3FA", "#FFDDB8", "#CDEFC9", "#F9CFE0", "#E2D8F7"]
    for i, (label, token_id) in enumerate(zip(ctx.labels, ctx.ids)):
        text = ax.text(x + 6, y, label, fontsize=11, family="monospace", va="center")
        width = text.get_window_extent(renderer).width * 900 / (0.96 * fig.bbox.width) + 12
        if x + width > 900:
            x, y = 0.0, y - 0.2
            text.set_position((x + 6, y))
        ax.add_patch(Rectangle((x, y - 0.06), width, 0.12, fc=colours[i % 5], ec="#888888", lw=0.6))
        ax.text(x + width / 2, y - 0.1, str(token_id), fontsize=7, ha="center", color="#666666")
        x += width + 3


def model_grid(fig, ctx, stem):
    axes = fig.subplots(ctx.layers, ctx.heads, squeeze=False, gridspec_kw=dict(wspace=0.08, hspace=0.08))
    image = None
    for layer in range(ctx.layers):
        p = ctx.pattern(layer)
        for h in range(ctx.heads):
            image = heat(axes[layer, h], p[h])
            if h == 0:
                axes[layer, h].set_ylabel(f"L{layer}", rotation=0, labelpad=12)
            if layer == 0:
                axes[layer, h].set_title(f"H{h}", fontsize=9)
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.6, label="attention weight")


def head_scores(ctx):
    ids, t = ctx.ids, len(ctx.ids)
    q, k = np.tril_indices(t)
    detectors = {"previous-token": k == q - 1, "first-token": k == 0, "current-token": k == q}
    if len(set(ids.tolist())) < t:
        detectors["duplicate-token"] = (k < q) & (ids[k] == ids[q])
        detectors["induction"] = (k >= 1) & (ids[np.maximum(k - 1, 0)] == ids[q]) & (k - 1 < q)
    scores = {name: np.zeros((ctx.layers, ctx.heads)) for name in detectors}
    for layer in range(ctx.layers):
        p = ctx.pattern(layer)[:, q, k]  # [NH, cells]
        total = p.sum(axis=1)
        for name, hit in detectors.items():
            scores[name][layer] = (p * hit).sum(axis=1) / total
    return scores


def scores_figure(fig, ctx, stem):
    scores = head_scores(ctx)
    columns = min(3, len(scores))
    axes = fig.subplots((len(scores) + columns - 1) // columns, columns, squeeze=False)
    image = None
    for ax, (name, s) in zip(axes.flat, scores.items()):
        image = ax.imshow(s, cmap="magma", vmin=0, vmax=1, interpolation="nearest")
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("head"), ax.set_ylabel("layer")
        for (r, c), v in np.ndenumerate(s):
            ax.text(c, r, f"{v:.2f}"[1:], ha="center", va="center", fontsize=5, color="white" if v < 0.5 else "black")
    for ax in list(axes.flat)[len(scores):]:
        ax.axis("off")
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.8, label="score")


def head_figure(fig, ctx, stem):
    layer, head = (int(part[1:]) for part in stem.split(".")[1:3])
    ax = fig.add_subplot(1, 1, 1)
    image = heat(ax, ctx.pattern(layer)[head], labels=ctx.labels, values=True)
    ax.set_xlabel("key position (attended to)"), ax.set_ylabel("query position (attending)")
    fig.colorbar(image, ax=ax, label="attention weight")


def aggregate_figure(fig, ctx, stem):
    kind = stem.split(".")[1]
    matrices, rollout = [], None
    for layer in range(ctx.layers):
        p = ctx.pattern(layer)
        if kind == "mean":
            matrices.append(p.mean(axis=0))
        elif kind == "max":
            matrices.append(p.max(axis=0))
        else:
            a = (p.mean(axis=0) + np.eye(p.shape[1])) / 2
            a /= a.sum(axis=1, keepdims=True)
            rollout = a if rollout is None else a @ rollout
            matrices.append(rollout)
    columns = int(np.ceil(np.sqrt(len(matrices)))) if len(matrices) > 4 else len(matrices)
    grid(fig, matrices, columns, [f"layer {i}" for i in range(len(matrices))])


def layer_figure(fig, ctx, stem):
    layer = int(stem.split(".")[1][1:])
    p = ctx.pattern(layer)
    grid(fig, list(p), int(np.ceil(np.sqrt(len(p)))), [f"head {h}" for h in range(len(p))])


def headview_figure(fig, ctx, stem):
    layer = int(stem.split(".")[1][1:])
    p = ctx.pattern(layer)
    scores = head_scores(ctx)
    heads = sorted({int(np.argmax(s[layer])) for s in scores.values()})[:3]
    t = min(p.shape[1], 32)
    ax = fig.add_axes([0.12, 0.03, 0.76, 0.85])
    ax.set_xlim(0, 1), ax.set_ylim(t, -1), ax.axis("off")
    for i in range(t):
        ax.text(0.18, i, f"{i} {ctx.labels[i]}", ha="right", va="center", fontsize=8, family="monospace")
        ax.text(0.82, i, f"{i} {ctx.labels[i]}", ha="left", va="center", fontsize=8, family="monospace")
    colours = plt.get_cmap("tab10")
    for n, h in enumerate(heads):
        q, k = np.tril_indices(t)
        w = p[h, :t, :t][q, k]
        keep = w >= 0.01
        segments = np.stack([np.stack([np.full(keep.sum(), 0.2), q[keep]], 1),
                             np.stack([np.full(keep.sum(), 0.8), k[keep]], 1)], 1)
        rgba = np.tile(colours(n), (keep.sum(), 1))
        rgba[:, 3] = w[keep]
        ax.add_collection(LineCollection(segments, colors=rgba, linewidths=1.2))


def positions(ctx):
    learned = ctx.t["wpe"].astype(np.float64)
    n, d = learned.shape
    pos = np.arange(n)[:, None]
    rate = 10000.0 ** (-(np.arange(d) // 2 * 2) / d)
    sinusoidal = np.where(np.arange(d) % 2 == 0, np.sin(pos * rate), np.cos(pos * rate))
    return sinusoidal, learned


def positions_figure(fig, ctx, stem):
    kind = stem.split(".")[1]
    tables = positions(ctx)
    axes = fig.subplots(1, 2, squeeze=False)[0]
    for ax, table, name in zip(axes, tables, ["Sinusoidal (fixed formula)", "Learned (wpe)"]):
        ax.set_title(name, fontsize=10)
        if kind == "heatmap":
            limit = np.abs(table).max()
            image = ax.imshow(table, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
            ax.set_xlabel("dimension"), ax.set_ylabel("position")
        elif kind == "curves":
            dims = [0, 1, 8, 9] if table is tables[0] else list(np.argsort(table.var(axis=0))[-4:])
            for dim in dims:
                ax.plot(table[:, dim], label=f"dim {dim}", lw=1.2)
            ax.set_xlabel("position"), ax.legend(fontsize=8)
            continue
        else:
            unit = table / np.linalg.norm(table, axis=1, keepdims=True)
            image = ax.imshow(unit @ unit.T, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
            ax.set_xlabel("position"), ax.set_ylabel("position")
        fig.colorbar(image, ax=ax, shrink=0.8)


def norms_figure(fig, ctx, stem):
    stages = [f"blocks.{i}.hook_resid_pre" for i in range(ctx.layers)] + [f"blocks.{ctx.layers - 1}.hook_resid_post"]
    norms = np.stack([np.linalg.norm(ctx.t[s].astype(np.float64), axis=1) for s in stages])
    top, bottom = fig.subplots(2, 1, gridspec_kw=dict(height_ratios=[2, 1]))
    image = top.imshow(norms, origin="lower", aspect="auto", cmap="viridis", interpolation="nearest")
    top.set_yticks(range(len(stages)), [f"resid_pre {i}" for i in range(ctx.layers)] + [f"resid_post {ctx.layers - 1}"],
                   fontsize=7)
    fig.colorbar(image, ax=top, label="L2 norm")
    bottom.plot(norms.mean(axis=1), marker="o")
    bottom.set_xlabel("stage"), bottom.set_ylabel("mean norm")


def sublayers_figure(fig, ctx, stem):
    def mean_norm(name):
        x = ctx.t[name].astype(np.float64)
        return np.linalg.norm(x[1:] if len(x) > 1 else x, axis=1).mean()
    attention = [mean_norm(f"blocks.{i}.hook_attn_out") for i in range(ctx.layers)]
    mlp = [mean_norm(f"blocks.{i}.hook_mlp_out") for i in range(ctx.layers)]
    ax = fig.add_subplot(1, 1, 1)
    x = np.arange(ctx.layers)
    ax.bar(x - 0.17, attention, 0.34, label="attention output (hook_attn_out)", color="#f28e2b")
    ax.bar(x + 0.17, mlp, 0.34, label="MLP output (hook_mlp_out)", color="#e15759")
    ax.set_xticks(x, [f"L{i}" for i in x]), ax.set_xlabel("layer"), ax.legend(loc="upper left")
    ax.set_ylabel("mean L2 norm of what the sublayer adds")


def lens_figure(fig, ctx, stem):
    ids, probs = ctx.t["logit_lens.top_id"], ctx.t["logit_lens.top_probability"]
    positions = ctx.t["logit_lens.positions"].astype(int)
    ax = fig.add_subplot(1, 1, 1)
    image = ax.imshow(probs, origin="lower", aspect="auto", cmap="viridis", norm=matplotlib.colors.LogNorm(1e-4, 1),
                      interpolation="nearest")
    for (r, c), token_id in np.ndenumerate(ids):
        ax.text(c, r + 0.12, ctx.label(token_id)[:9], ha="center", va="center", fontsize=7, color="white")
        ax.text(c, r - 0.25, f"{probs[r, c]:.1%}", ha="center", va="center", fontsize=5, color="white")
    ax.set_xticks(range(len(positions)), [ctx.labels[p] for p in positions], rotation=-60, fontsize=7)
    ax.set_yticks(range(ids.shape[0]), [f"resid_pre {i}" for i in range(ids.shape[0] - 1)]
                  + [f"resid_post {ids.shape[0] - 2}"], fontsize=7)
    fig.colorbar(image, ax=ax, label="probability of the top token")


def next_token_figure(fig, ctx, stem):
    logits = ctx.t["next_token_logits"].astype(np.float64)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    top = np.argsort(p)[::-1][:10]
    values = list(p[top]) + [1 - p[top].sum()]
    names = [ctx.label(i) for i in top] + ["all others"]
    ax = fig.add_subplot(1, 1, 1)
    bars = ax.barh(range(len(values))[::-1], values, color="#4e79a7")
    ax.set_yticks(range(len(values))[::-1], names, family="monospace")
    ax.bar_label(bars, [f"{v:.2%}" for v in values], fontsize=8, padding=3)
    ax.set_xlabel("probability")


def parameter_groups(c):
    d, v, n, layers, f = c["embeddingWidth"], c["vocabularySize"], c["contextLength"], c["layerCount"], c["mlpWidth"]
    return {"token embedding": v * d, "position embedding": n * d, "attention": layers * (4 * d * d + 4 * d),
            "MLP": layers * (2 * d * f + f + d), "normalization": layers * 4 * d + 2 * d}


PRESETS = {"GPT-1": dict(embeddingWidth=768, vocabularySize=40478, contextLength=512, layerCount=12, mlpWidth=3072),
           "GPT-2": dict(embeddingWidth=768, vocabularySize=50257, contextLength=1024, layerCount=12, mlpWidth=3072),
           "GPT-3 175B": dict(embeddingWidth=12288, vocabularySize=50257, contextLength=2048, layerCount=96,
                              mlpWidth=49152)}


def parameters_figure(fig, ctx, stem):
    if stem.endswith("breakdown"):
        groups = parameter_groups(ctx.summary["configuration"])
        ax = fig.add_subplot(1, 1, 1)
        total = sum(groups.values())
        bars = ax.barh(list(groups)[::-1], list(groups.values())[::-1], color=plt.get_cmap("tab10").colors[:5])
        ax.bar_label(bars, [f"{v:,} · {v / total:.1%}" for v in list(groups.values())[::-1]], fontsize=8, padding=3)
        ax.set_xlabel("parameters")
        return
    models = {ctx.summary["model"]: parameter_groups(ctx.summary["configuration"])}
    models.update({name: parameter_groups(c) for name, c in PRESETS.items()})
    left, right = fig.subplots(1, 2)
    totals = [sum(g.values()) for g in models.values()]
    left.barh(list(models)[::-1], totals[::-1], color="#5c6370")
    left.set_xscale("log"), left.set_title("Total parameters (log scale)", fontsize=10)
    start = np.zeros(len(models))
    for i, group in enumerate(next(iter(models.values()))):
        share = np.array([g[group] / sum(g.values()) for g in models.values()])[::-1]
        right.barh(list(models)[::-1], share, left=start, label=group, color=plt.get_cmap("tab10")(i))
        start += share
    right.set_title("Share of each component group", fontsize=10), right.legend(fontsize=7, loc="lower right")


def pick(stem):
    if stem == "tokens":
        return tokens_figure
    if stem == "attention.model":
        return model_grid
    if stem == "attention.scores":
        return scores_figure
    if stem in ("attention.mean", "attention.max", "attention.rollout"):
        return aggregate_figure
    if stem.startswith("attention.") and stem.endswith(".heads"):
        return layer_figure
    if stem.endswith(".headview"):
        return headview_figure
    if re.fullmatch(r"attention\.L\d+\.H\d+", stem):
        return head_figure
    if stem.startswith("positions."):
        return positions_figure
    if stem == "residual.norms":
        return norms_figure
    if stem == "residual.logit-lens":
        return lens_figure
    if stem == "residual.sublayers":
        return sublayers_figure
    if stem == "predictions.generation":
        return generation_figure
    if stem == "predictions.next-token":
        return next_token_figure
    if stem.startswith("parameters."):
        return parameters_figure
    if stem == "embeddings.words":
        return words_figure
    if stem.startswith("embeddings."):
        return embeddings_figure
    # Figures added after this benchmark was written (token samples, architecture diagrams, masks,
    # the softmax step, surprisal, sampling, the experiments) have no matplotlib version.
    return None


def words_figure(fig, ctx, stem):
    """2-D PCA of the words' embeddings, labelled, equal units on both axes."""
    words = json.loads(ctx.meta["words"])
    x = ctx.t["words.embeddings"].astype(np.float64)
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    scores = centred @ vt[:2].T
    share = s[:2] ** 2 / (s ** 2).sum()
    ax = fig.add_subplot(1, 1, 1)
    ax.scatter(scores[:, 0], scores[:, 1], color="#4e79a7", s=30)
    for (px, py), word in zip(scores, words):
        ax.annotate(plain(word), (px, py), textcoords="offset points", xytext=(5, 5), fontsize=9)
    ax.axhline(0, color="#bbbbbb", lw=0.8, ls="--")
    ax.axvline(0, color="#bbbbbb", lw=0.8, ls="--")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(f"PC1 · {share[0]:.1%} of the variance")
    ax.set_ylabel(f"PC2 · {share[1]:.1%} of the variance")


def generation_figure(fig, ctx, stem):
    """Each step's candidates as a table of cells coloured by probability, the chosen one outlined."""
    labels = json.loads(ctx.meta["generation_labels"])
    probs = ctx.t["generation.probabilities"].astype(np.float64)
    ax = fig.add_subplot(1, 1, 1)
    image = ax.imshow(probs, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for r, row in enumerate(labels):
        for c, label in enumerate(row):
            ax.text(c, r - 0.12, plain(label.replace(" ", "\u00b7")), ha="center", va="center", family="monospace", fontsize=9)
            ax.text(c, r + 0.25, f"{probs[r, c]:.2%}", ha="center", va="center", fontsize=7)
        ax.add_patch(Rectangle((-0.5, r - 0.5), 1, 1, fill=False, edgecolor="#e15759", lw=2))
    first = len(ctx.labels)
    ax.set_yticks(range(len(labels)), [str(first + r) for r in range(len(labels))])
    ax.set_xticks(range(probs.shape[1]), ["most probable"] + [f"rank {k + 2}" for k in range(probs.shape[1] - 1)])
    ax.xaxis.tick_top()
    fig.colorbar(image, ax=ax, label="probability")


def embeddings_figure(fig, ctx, stem):
    embed = ctx.t["hook_embed"].astype(np.float64)
    if stem.endswith("similarity"):
        unit = embed / np.linalg.norm(embed, axis=1, keepdims=True)
        ax = fig.add_subplot(1, 1, 1)
        image = heat(ax, unit @ unit.T, labels=ctx.labels, cmap="RdBu_r", vmin=-1, vmax=1)
        fig.colorbar(image, ax=ax)
        return
    panels = [embed] if "sum" not in stem else [embed, ctx.t["hook_pos_embed"], embed + ctx.t["hook_pos_embed"]]
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    limit = max(np.abs(p[:, :64]).max() for p in panels)
    for ax, panel in zip(axes, panels):
        image = ax.imshow(panel[:, :64], cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto", interpolation="nearest")
        ax.set_yticks(range(len(ctx.labels)), ctx.labels, fontsize=6)
    fig.colorbar(image, ax=list(axes))
