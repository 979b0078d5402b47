import Foundation
import GPTModel
import TensorCore
import Tokenization

/// The embedding step of one prompt as plain matrices: token embeddings, position embeddings
/// and their sum, each `[T, C]` row-major. Taken from a `PromptAnalysis`'s recorded hooks
/// (`hook_embed`, `hook_pos_embed`), or looked up in the weights directly, which needs no
/// forward pass at all (the CLI does this: a 1,024-token prompt is embedded instantly).
public struct PromptEmbeddings: Sendable {
    /// The model's name for titles.
    public let modelName: String
    /// The prompt's tokens with display labels.
    public let tokenizedText: TokenizedText
    /// Number of tokens T.
    public let tokens: Int
    /// Embedding width C.
    public let width: Int
    /// `wte[ids]`, `[T, C]`.
    public let token: [Double]
    /// `wpe[0..<T]`, `[T, C]`.
    public let position: [Double]

    /// The embeddings of `analysis`'s prompt (recorded hooks when present, else the weights).
    public init(_ analysis: PromptAnalysis) {
        self.init(model: analysis.model, modelName: analysis.modelName, tokens: analysis.tokens,
                  recordedToken: analysis.cache[.embed], recordedPosition: analysis.cache[.posEmbed])
    }

    /// The embeddings of `ids` looked up in `model`'s tables (ids and length must be valid:
    /// see `GPT.validate`); labels come from `tokenizer`, or are `#id` without one.
    public init(model: GPT, modelName: String, ids: [Int], tokenizer: Tokenizer?) {
        let text: TokenizedText
        if let tokenizer, let described = try? tokenizer.describe(ids) {
            text = described
        } else {
            text = TokenizedText(ids: ids, tokenBytes: ids.map { Array("#\($0)".utf8) }, isSpecial: ids.map { _ in false })
        }
        self.init(model: model, modelName: modelName, tokens: text, recordedToken: nil, recordedPosition: nil)
    }

    private init(model: GPT, modelName: String, tokens text: TokenizedText, recordedToken: Tensor?, recordedPosition: Tensor?) {
        let table = model.embedding.tokenTable                                       // [V, C]
        let width = table.shape[1], ids = text.ids
        let token = (recordedToken ?? gatherRows(table, ids)).scalars.map(Double.init)            // [T, C]
        // A rotary model adds nothing at the embedding (positions rotate q and k in attention).
        let positions = recordedPosition ?? (model.embedding.hasPositionTable
            ? model.embedding.positionTable.rows(0..<ids.count) : Tensor(shape: [ids.count, width]))  // [T, C]
        self.modelName = modelName
        self.tokenizedText = text
        self.tokens = ids.count
        self.width = width
        self.token = token
        self.position = positions.scalars.map(Double.init)
    }

    /// The sum `token + position`: what block 0 receives (`blocks.0.hook_resid_pre`).
    public var sum: [Double] { zip(token, position).map { $0 + $1 } }

    /// The `[T, C]` matrix of `stage`.
    public func matrix(_ stage: EmbeddingStage) -> [Double] {
        switch stage {
        case .token: return token
        case .position: return position
        case .sum: return sum
        }
    }

    /// The prompt for titles, cut to `limit` characters with "…", newlines shown as ⏎ (as
    /// `PromptAnalysis.promptForTitle`).
    public func promptForTitle(limit: Int = 48) -> String {
        DrawableText.quoted(tokenizedText.text, limit: limit)
    }

    /// Rows `range` and the first `columns` columns of a `[T, C]` matrix, row-major.
    func slice(_ m: [Double], rows range: Range<Int>, columns: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(range.count * columns)
        for r in range { out += m[(r * width)..<(r * width + columns)] }
        return out
    }
}
