"""Reference numbers for the embedding and positional-encoding figures (VisualizationsTests).

Writes Tests/VisualizationsTests/Fixtures/embedding_reference.json with, computed by numpy
independently of GPTScope:

  pca       principal components of two seeded random matrices (7 x 12: fewer rows than
            columns; 20 x 5: more rows than columns) via numpy's SVD of the centred matrix,
            signs as scikit-learn >= 1.5 (each component's largest |loading| positive);
  words     the word embeddings of the gpt2-fullvocab test checkpoint: each word tokenized
            with a leading space by tiktoken (GPT-2's rank file that GPTScope embeds, so no
            network), its vector the mean of its wte rows, and their 2-D PCA;
  sinusoid  the sinusoidal encoding for d_model 6, positions 0..3 as the Transformer
            tutorial of TensorFlow computes it (angle = pos / 10000^(2*(i//2)/d), sin on even,
            cos on odd columns), and its cosine-similarity matrix.

Run from the repository root:  python3 Tests/Scripts/embedding_reference.py
"""
import json
import os

import numpy as np
import tiktoken
import tiktoken.load
from safetensors.numpy import load_file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
RANKS = os.path.join(ROOT, "Sources", "CEmbeddedData", "gpt2.tiktoken")
MODEL = os.path.join(ROOT, "Tests", "GPTModelTests", "Fixtures", "models", "gpt2-fullvocab", "model.safetensors")
OUT = os.path.join(ROOT, "Tests", "VisualizationsTests", "Fixtures", "embedding_reference.json")
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
WORDS = ["king", "queen", "man", "woman", "Paris", "France", "unbelievably", "中华"]


def pca(x, k=2):
    """PCA by SVD of the centred rows; sign rule of scikit-learn >= 1.5 (svd_flip on Vt)."""
    x = np.asarray(x, dtype=np.float64)
    centred = x - x.mean(axis=0)
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    vt = vt[:k]
    signs = np.sign(vt[np.arange(k), np.argmax(np.abs(vt), axis=1)])
    vt = vt * signs[:, None]
    scores = centred @ vt.T
    var = s ** 2 / (x.shape[0] - 1)
    return {
        "components": vt.tolist(),
        "scores": scores.tolist(),
        "explained_variance": var[:k].tolist(),
        "explained_variance_ratio": (var[:k] / var.sum()).tolist(),
    }


def sinusoid(positions, d):
    pos = np.arange(positions)[:, None]
    i = np.arange(d)[None, :]
    angles = pos / np.power(10000, (2 * (i // 2)) / np.float64(d))
    pe = angles.copy()
    pe[:, 0::2] = np.sin(angles[:, 0::2])
    pe[:, 1::2] = np.cos(angles[:, 1::2])
    unit = pe / np.linalg.norm(pe, axis=1, keepdims=True)
    return pe, unit @ unit.T


def main():
    rng = np.random.default_rng(20261121)
    matrices = []
    for rows, columns in [(7, 12), (20, 5)]:
        x = rng.normal(size=(rows, columns))
        matrices.append({"rows": rows, "columns": columns, "values": x.reshape(-1).tolist(), **pca(x)})

    ranks = tiktoken.load.load_tiktoken_bpe(RANKS)
    encoding = tiktoken.Encoding(name="gpt2", pat_str=GPT2_PATTERN, mergeable_ranks=ranks,
                                 special_tokens={"<|endoftext|>": 50256})
    wte = load_file(MODEL)["transformer.wte.weight"].astype(np.float64)
    ids = [encoding.encode(" " + w) for w in WORDS]
    vectors = np.stack([wte[i].mean(axis=0) for i in ids])
    words = {"model": "gpt2-fullvocab", "words": WORDS, "token_ids": ids,
             "vectors": vectors.reshape(-1).tolist(), "width": int(wte.shape[1]), **pca(vectors)}

    pe, similarity = sinusoid(4, 6)
    data = {"pca": matrices, "words": words,
            "sinusoid": {"positions": 4, "d_model": 6, "values": pe.reshape(-1).tolist(),
                         "cosine_similarity": similarity.reshape(-1).tolist()}}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", os.path.relpath(OUT, ROOT), "; word token counts:", [len(i) for i in ids])


if __name__ == "__main__":
    main()
