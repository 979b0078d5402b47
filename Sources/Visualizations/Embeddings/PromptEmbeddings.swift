import GPTModel
import TensorCore

/// The embedding step of one analysed prompt as plain matrices: token embeddings, position
/// embeddings and their sum, each `[T, C]` row-major, from the recorded hooks (`hook_embed`,
/// `hook_pos_embed`) or, when those were not recorded, from the weights.
public struct PromptEmbeddings: Sendable {
    /// Number of tokens T.
    public let tokens: Int
    /// Embedding width C.
    public let width: Int
    /// `wte[ids]`, `[T, C]`.
    public let token: [Double]
    /// `wpe[0..<T]`, `[T, C]`.
    public let position: [Double]

    /// The embeddings of `analysis`'s prompt.
    public init(_ analysis: PromptAnalysis) {
        let model = analysis.model
        let ids = analysis.tokens.ids
        let width = model.embedding.tokenTable.shape[1]
        let tokenTensor = analysis.cache[.embed]
            ?? Tensor(shape: [ids.count, width], scalars: ids.flatMap { model.embedding.tokenTable.row($0).scalars })  // [T, C]
        let positionTensor = analysis.cache[.posEmbed] ?? model.embedding.positionTable.rows(0..<ids.count)          // [T, C]
        tokens = ids.count
        self.width = width
        token = tokenTensor.scalars.map(Double.init)
        position = positionTensor.scalars.map(Double.init)
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

    /// Rows `range` and the first `columns` columns of a `[T, C]` matrix, row-major.
    func slice(_ m: [Double], rows range: Range<Int>, columns: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(range.count * columns)
        for r in range { out += m[(r * width)..<(r * width + columns)] }
        return out
    }
}
