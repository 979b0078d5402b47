import GPTModel
import TensorCore

/// The length (L2 norm) of the residual stream at every stage and position: what each block
/// adds to the running sum the model reads and writes.
///
/// Stages are the stream entering each block (`blocks.i.hook_resid_pre`, i = 0…L-1; stage 0 is
/// token + position embedding) and leaving the last one (`blocks.{L-1}.hook_resid_post`), the
/// vector the final norm and the unembedding turn into the next-token prediction.
public struct ResidualNorms: Sendable {
    /// The stages, from the embeddings up.
    public let stages: [HookName]
    /// The positions measured.
    public let positions: Range<Int>
    /// `‖x‖₂` per stage and position: `values[stage][position - positions.lowerBound]`.
    public let values: [[Double]]

    /// Measures the recorded residual streams of `analysis` over `positions` (all when nil).
    public init(_ analysis: PromptAnalysis, positions: Range<Int>? = nil) throws(LayersError) {
        let count = analysis.tokens.count
        let range = try LayerPositions.check(positions ?? 0 ..< count, count: count)
        let stages = ResidualNorms.stages(layerCount: analysis.model.configuration.layerCount)
        var values: [[Double]] = []
        for stage in stages {
            guard let x = analysis.cache[stage] else { throw .missingActivation(stage.description) }
            let c = x.shape[1]
            values.append(range.map { t in                                  // [T, C] -> [T]
                var sum = 0.0
                for v in x.scalars[t * c ..< (t + 1) * c] { sum += Double(v) * Double(v) }
                return sum.squareRoot()
            })
        }
        self.stages = stages
        self.positions = range
        self.values = values
    }

    /// The residual-stream hooks of a model with `layerCount` blocks, from the embeddings up.
    public static func stages(layerCount: Int) -> [HookName] {
        (0 ..< layerCount).map { HookName.residPre($0) } + [.residPost(max(0, layerCount - 1))]
    }

    /// A short row label: `resid_pre 3`, `resid_post 11`.
    public static func label(_ stage: HookName) -> String {
        switch stage {
        case .residPre(let i): return "resid_pre \(i)"
        case .residPost(let i): return "resid_post \(i)"
        default: return stage.description
        }
    }

    /// The mean norm over the measured positions, per stage.
    public var meanPerStage: [Double] {
        values.map { $0.reduce(0, +) / Double(max(1, $0.count)) }
    }

    /// The mean norm per stage leaving out position 0 (nil when position 0 is not measured or
    /// is the only one): many trained models park a huge norm on the first token.
    public var meanPerStageAfterFirst: [Double]? {
        guard positions.lowerBound == 0, positions.count > 1 else { return nil }
        return values.map { $0.dropFirst().reduce(0, +) / Double($0.count - 1) }
    }
}
