#include "CEmbeddedData.h"

// C23 #embed (clang >= 19) reads the file at compile time, so the tool needs no resource bundle
// and keeps working when the binary is copied elsewhere.
const unsigned char gptscope_gpt2_tiktoken[] = {
#embed "gpt2.tiktoken"
};
const size_t gptscope_gpt2_tiktoken_size = sizeof(gptscope_gpt2_tiktoken);

// The default model (see DEFAULT_MODEL.md): a small GPT-2 trained by `gptscope train`, stored as
// the Hugging Face checkpoint folder it was saved as.
const unsigned char gptscope_default_config[] = {
#embed "default-model/config.json"
};
const size_t gptscope_default_config_size = sizeof(gptscope_default_config);
// Aligned so that its fp32 tensors can be used in place, without a copy.
_Alignas(64) const unsigned char gptscope_default_weights[] = {
#embed "default-model/model.safetensors"
};
const size_t gptscope_default_weights_size = sizeof(gptscope_default_weights);
const unsigned char gptscope_default_vocab[] = {
#embed "default-model/vocab.json"
};
const size_t gptscope_default_vocab_size = sizeof(gptscope_default_vocab);
const unsigned char gptscope_default_merges[] = {
#embed "default-model/merges.txt"
};
const size_t gptscope_default_merges_size = sizeof(gptscope_default_merges);
