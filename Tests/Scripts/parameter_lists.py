#!/usr/bin/env python3
"""Reference parameter lists from Hugging Face transformers, for GPTModelTests.

For each GPT-2 / GPT-1 configuration in Tests/GPTModelTests/Fixtures/configs/, builds the model
on PyTorch's meta device (shapes only) and writes `model.named_parameters()` in PyTorch's order
(tied tensors once, buffers never), names without the `transformer.` prefix, to

  Tests/GPTModelTests/Fixtures/parameter_lists.json

Run from the package root:  python3 Tests/Scripts/parameter_lists.py
"""
import json
import pathlib

import torch
import transformers
from transformers import AutoConfig, GPT2LMHeadModel, OpenAIGPTLMHeadModel

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "GPTModelTests" / "Fixtures"
NAMES = ["gpt2", "gpt2-untied", "gpt2-n-inner", "gpt2-tiny-vocab", "openai-gpt", "openai-gpt-small"]
CLASSES = {"gpt2": GPT2LMHeadModel, "openai-gpt": OpenAIGPTLMHeadModel}


def main():
    lists = {}
    for name in NAMES:
        config = AutoConfig.from_pretrained(FIXTURES / "configs" / name)
        with torch.device("meta"):
            model = CLASSES[config.model_type](config)
        lists[name] = [
            {"name": key.removeprefix("transformer."), "shape": list(parameter.shape)}
            for key, parameter in model.named_parameters()
        ]
    # One parameter per line, so a change to the fixture reads as a change to the list.
    models = ",\n".join(
        f"  {json.dumps(name)}: [\n" + ",\n".join("    " + json.dumps(entry) for entry in entries) + "\n  ]"
        for name, entries in lists.items())
    text = (f'{{\n "transformers_version": {json.dumps(transformers.__version__)},\n'
            f' "torch_version": {json.dumps(torch.__version__)},\n "models": {{\n{models}\n }}\n}}\n')
    json.loads(text)
    (FIXTURES / "parameter_lists.json").write_text(text)


if __name__ == "__main__":
    main()
