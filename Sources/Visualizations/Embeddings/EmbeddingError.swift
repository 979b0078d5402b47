/// Bad inputs of the embedding figures and the word-embedding PCA.
public enum EmbeddingError: Error, Equatable, CustomStringConvertible {
    /// An empty entry in the word list (e.g. `king,,queen`).
    case emptyWord(index: Int)
    /// A word whose tokens the model has no embedding for.
    case unknownWord(String, tokenID: Int, vocabularySize: Int)
    /// The same word twice.
    case duplicateWord(String)
    /// Too few words (or rows) for the requested principal components.
    case tooFewWords(Int, needed: Int)
    /// Words cannot be looked up without the checkpoint's tokenizer.
    case noTokenizer(model: String)
    /// A range of token positions outside the prompt.
    case rangeOutside(lower: Int, upper: Int, tokens: Int)
    /// A dimension count below 1.
    case invalidDimensionCount(Int)

    /// Words that make a good example list.
    public static let exampleWords = ["king", "queen", "man", "woman"]

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Give comma-separated words, like `example`.
        case listWords(example: [String])
        /// Give each word once.
        case giveEachWordOnce
        /// Give at least `needed` words, like `example`.
        case giveMoreWords(needed: Int, example: [String])
        /// Give a range `A:B` with `0 ≤ A < B ≤ upperBound`.
        case chooseRange(upperBound: Int)
        /// Ask for at least one dimension (or all of them).
        case chooseDimensionCount
    }

    /// The fix, when there is one a front end can phrase with its options.
    public var hint: Hint? {
        switch self {
        case .emptyWord: return .listWords(example: Self.exampleWords)
        case .duplicateWord: return .giveEachWordOnce
        case let .tooFewWords(_, needed): return .giveMoreWords(needed: needed, example: Self.exampleWords)
        case let .rangeOutside(_, _, tokens): return .chooseRange(upperBound: tokens)
        case .invalidDimensionCount: return .chooseDimensionCount
        case .unknownWord, .noTokenizer: return nil
        }
    }

    public var description: String {
        switch self {
        case .emptyWord(let index):
            return "the word list has an empty entry at place \(index + 1); give comma-separated words, e.g. king,queen,man,woman"
        case let .unknownWord(word, id, size):
            return "'\(word)' is not in the model's vocabulary (its token \(id) is outside 0..<\(size)); pick words the model's tokenizer covers"
        case .duplicateWord(let word):
            return "'\(word)' appears twice in the word list; give each word once"
        case let .tooFewWords(count, needed):
            return "a 2-D PCA needs at least \(needed) words, got \(count); e.g. king,queen,man,woman"
        case .noTokenizer(let model):
            return "\(model) has no tokenizer (no vocab.json and merges.txt), so words cannot be looked up; use a checkpoint with one"
        case let .rangeOutside(lower, upper, tokens):
            return "positions \(lower):\(upper) are not inside the prompt's 0:\(tokens); give a range A:B with 0 ≤ A < B ≤ \(tokens)"
        case .invalidDimensionCount(let n):
            return "the number of dimensions must be at least 1 (or all), got \(n)"
        }
    }
}
