import Charts
import GPTModel
import Tokenization

/// How figures and tables name the tokenizer whose ids they show, so a chart of the built-in
/// model's own vocabulary never passes for GPT-2's.
public enum VocabularyName {
    /// A short subject for titles: "GPT-2", "the built-in model", or the tokenizer's name.
    public static func short(_ tokenizer: Tokenizer) -> String {
        switch kind(tokenizer) {
        case .gpt2: "GPT-2"
        case .builtInModel: "the built-in model"
        case .other: tokenizer.name
        }
    }

    /// The vocabulary in full: "GPT-2's byte-level BPE (gpt2, 50,257 tokens)".
    public static func describe(_ tokenizer: Tokenizer) -> String {
        let size = NumberFormat.thousands(tokenizer.vocabularySize)
        switch kind(tokenizer) {
        case .gpt2: return "GPT-2's byte-level BPE (gpt2, \(size) tokens)"
        case .builtInModel: return "the built-in model's own byte-level BPE (\(DefaultModel.name), \(size) tokens)"
        case .other: return "the byte-level BPE \(tokenizer.name) (\(size) tokens)"
        }
    }

    private enum Kind { case gpt2, builtInModel, other }

    /// The compiled-in tokenizer's size (read from it, so a retrained built-in model needs no edit here).
    private static let builtInSize = (try? DefaultModel.tokenizer().vocabularySize) ?? -1

    /// Known by name and size, so a folder that happens to be called `gpt2` but holds another
    /// vocabulary is not passed off as GPT-2's.
    private static func kind(_ tokenizer: Tokenizer) -> Kind {
        switch (tokenizer.name, tokenizer.vocabularySize) {
        case ("gpt2", 50257): .gpt2
        case (DefaultModel.name, builtInSize): .builtInModel
        default: .other
        }
    }
}
