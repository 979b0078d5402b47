#ifndef GPTSCOPE_EMBEDDED_DATA_H
#define GPTSCOPE_EMBEDDED_DATA_H
#include <stddef.h>

/// GPT-2's byte-level BPE ranks in tiktoken's format (see PROVENANCE.md), compiled into the binary.
extern const unsigned char gptscope_gpt2_tiktoken[];
extern const size_t gptscope_gpt2_tiktoken_size;

/// The same bytes through a function: Swift does not import arrays of unknown size.
static inline const unsigned char *gptscope_gpt2_tiktoken_bytes(void) { return gptscope_gpt2_tiktoken; }

/// The default model's checkpoint files (config.json, model.safetensors, vocab.json, merges.txt).
extern const unsigned char gptscope_default_config[];
extern const size_t gptscope_default_config_size;
extern const unsigned char gptscope_default_weights[];
extern const size_t gptscope_default_weights_size;
extern const unsigned char gptscope_default_vocab[];
extern const size_t gptscope_default_vocab_size;
extern const unsigned char gptscope_default_merges[];
extern const size_t gptscope_default_merges_size;
static inline const unsigned char *gptscope_default_config_bytes(void) { return gptscope_default_config; }
static inline const unsigned char *gptscope_default_weights_bytes(void) { return gptscope_default_weights; }
static inline const unsigned char *gptscope_default_vocab_bytes(void) { return gptscope_default_vocab; }
static inline const unsigned char *gptscope_default_merges_bytes(void) { return gptscope_default_merges; }

#endif
