import GPTModel
import Tokenization

/// Chosen words' vectors from a model's token-embedding table (`wte`): each word is tokenized
/// (by default with a leading space, as it appears inside a sentence: " king") and its
/// vector is the mean of its tokens' rows, so a word split into pieces still gets one point.
public struct WordEmbeddings: Sendable {
    /// The words as given.
    public let words: [String]
    /// Each word's token ids.
    public let tokenIDs: [[Int]]
    /// Row-major `[words, C]` mean token embeddings.
    public let vectors: [Double]
    /// Embedding width C.
    public let width: Int
    /// Whether a space was put before each word when tokenizing.
    public let leadingSpace: Bool

    /// A word list from parts already computed.
    public init(words: [String], tokenIDs: [[Int]], vectors: [Double], width: Int, leadingSpace: Bool) {
        self.words = words; self.tokenIDs = tokenIDs; self.vectors = vectors; self.width = width; self.leadingSpace = leadingSpace
    }

    /// Looks `words` up in `model`'s `wte` through `tokenizer`.
    public static func lookup(_ words: [String], model: GPT, tokenizer: Tokenizer?, modelName: String,
                              leadingSpace: Bool = true) throws(EmbeddingError) -> WordEmbeddings {
        guard let tokenizer else { throw .noTokenizer(model: modelName) }
        let table = model.embedding.tokenTable                                   // [V, C]
        let vocabulary = table.shape[0], width = table.shape[1]
        var seen = Set<String>()
        var ids: [[Int]] = []
        var vectors: [Double] = []
        vectors.reserveCapacity(words.count * width)
        for (index, word) in words.enumerated() {
            guard !word.isEmpty else { throw .emptyWord(index: index) }
            guard seen.insert(word).inserted else { throw .duplicateWord(word) }
            let tokens = tokenizer.encode(leadingSpace ? " " + word : word)
            guard !tokens.isEmpty else { throw .emptyWord(index: index) }
            if let bad = tokens.first(where: { $0 < 0 || $0 >= vocabulary }) {
                throw .unknownWord(word, tokenID: bad, vocabularySize: vocabulary)
            }
            var mean = [Double](repeating: 0, count: width)
            table.withUnsafeBufferPointer { rows in
                for id in tokens { for c in 0..<width { mean[c] += Double(rows[id * width + c]) } }
            }
            vectors += mean.map { $0 / Double(tokens.count) }
            ids.append(tokens)
        }
        return WordEmbeddings(words: words, tokenIDs: ids, vectors: vectors, width: width, leadingSpace: leadingSpace)
    }

    /// Principal components of the word vectors.
    public func principalComponents(_ k: Int = 2) throws(EmbeddingError) -> PrincipalComponents {
        try PrincipalComponents.fit(vectors, rows: words.count, columns: width, components: k)
    }
}
