import GPTModel

/// Prompts the experiments run on when the user gives none.
public enum ExperimentPrompts {
    /// `n` random token ids written twice (after `<|endoftext|>` for a GPT-2 vocabulary, as
    /// TransformerLens prepends it), and the positions whose predictions fall in the second copy
    /// after its first token — where only a model that copies from the first copy can do well.
    public static func repeated(length n: Int, configuration c: GPTConfiguration, seed: UInt64 = 14) -> (ids: [Int], lossPositions: Range<Int>) {
        let gpt2 = c.vocabularySize == 50257
        let prefix = gpt2 ? [50256] : []
        let ids = RepeatedTokensPrompt.ids(length: n, range: 0 ..< (gpt2 ? 50256 : c.vocabularySize), seed: seed, prefix: prefix)
        let start = prefix.count + n     // the second copy's first token
        return (ids, start ..< start + n - 1)
    }

    /// The indirect-object identification pair (Wang et al. 2022): the clean prompt's answer is
    /// the name that was not repeated; the corrupt prompt repeats the other name instead.
    public static let ioiClean = "When Mary and John went to the store, John gave a drink to"
    /// The corrupt prompt: the same length, the repeated name swapped, so the answer flips.
    public static let ioiCorrupt = "When Mary and John went to the store, Mary gave a drink to"
    /// The clean answer and the wrong name.
    public static let ioiAnswer = " Mary", ioiWrong = " John"
}
