import Charts
import GPTModel
import Tokenization

/// How figures and tables name the tokenizer whose ids they show, so a chart of the built-in
/// model's 4,096-token vocabulary never passes for GPT-2's.
public enum VocabularyName {
    /// A short subject for titles: "GPT-2", "the built-in model", or the tokenizer's name.
    public static func short(_ tokenizer: Tokenizer) -> String {
        switch tokenizer.name {
        case "gpt2": "GPT-2"
        case DefaultModel.name: "the built-in model"
        default: tokenizer.name
        }
    }

    /// The vocabulary in full: "GPT-2's byte-level BPE (gpt2, 50,257 tokens)".
    public static func describe(_ tokenizer: Tokenizer) -> String {
        let size = NumberFormat.thousands(tokenizer.vocabularySize)
        switch tokenizer.name {
        case "gpt2": return "GPT-2's byte-level BPE (gpt2, \(size) tokens)"
        case DefaultModel.name: return "the built-in model's own byte-level BPE (\(DefaultModel.name), \(size) tokens)"
        default: return "the byte-level BPE \(tokenizer.name) (\(size) tokens)"
        }
    }
}
