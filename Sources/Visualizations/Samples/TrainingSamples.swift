/// How a text becomes training samples: windows of `context` inputs cut from its tokens, each
/// trained on every (context → next token) pair inside it.
///
/// A window holds `context + 1` tokens: inputs `t[s ..< s + n]` and targets `t[s + 1 ... s + n]`,
/// so one forward pass trains `n` predictions at once — position i predicts token i + 1 from the
/// i + 1 tokens before it (the causal mask hides the rest). Here successive windows start
/// `context` tokens apart, so every token but the first is a target exactly once per pass over
/// the text; trainers that draw windows at random starts (nanoGPT, `gptscope train`) make each
/// token a target once per D tokens drawn on average, the same count.
public struct TrainingSamples: Sendable, Equatable {
    /// One (context → next token) pair: the positions of the context and of the target.
    public struct Pair: Sendable, Equatable {
        /// The positions the model may see (the window's start up to the predicting position).
        public var context: Range<Int>
        /// The position of the token it must predict.
        public var target: Int
    }

    /// The text's token count.
    public let tokenCount: Int
    /// The window's input length n.
    public let context: Int

    /// Cuts `tokenCount` tokens into windows of `context` inputs.
    public init(tokenCount: Int, context: Int) {
        self.tokenCount = tokenCount
        self.context = max(1, context)
    }

    /// The input positions of each window, in order; the last is shorter when the text runs out.
    public var windows: [Range<Int>] {
        guard tokenCount > 1 else { return [] }
        return stride(from: 0, to: tokenCount - 1, by: context).map { $0 ..< min($0 + context, tokenCount - 1) }
    }

    /// Every pair a window trains on, in order of the predicting position.
    public func pairs(in window: Range<Int>) -> [Pair] {
        window.map { Pair(context: window.lowerBound ..< $0 + 1, target: $0 + 1) }
    }

    /// Windows with all `context` inputs (the last, shorter one is not counted).
    public var fullWindowCount: Int { Self.fullWindows(corpusTokens: tokenCount, context: context) }

    /// Every (context → next token) pair the text yields: one per token after the first.
    public var pairCount: Int { max(0, tokenCount - 1) }

    /// Full windows of `context` inputs in a corpus of `corpusTokens` tokens: ⌊(D − 1) / n⌋.
    public static func fullWindows(corpusTokens d: Int, context n: Int) -> Int {
        d > 1 && n > 0 ? (d - 1) / n : 0
    }

    /// Training pairs in the full windows of a corpus of `corpusTokens` tokens: n · ⌊(D − 1) / n⌋.
    public static func pairs(corpusTokens d: Int, context n: Int) -> Int { n * fullWindows(corpusTokens: d, context: n) }

    /// Windows of a corpus when they start at every position instead (stride 1): D − n.
    public static func slidingWindows(corpusTokens d: Int, context n: Int) -> Int { max(0, d - n) }
}
