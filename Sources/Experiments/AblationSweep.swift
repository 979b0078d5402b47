import GPTModel
import TensorCore

/// What an ablation sweep measures.
public enum AblationMetric: Sendable, Hashable {
    /// Mean next-token loss (nats) over the predictions at `positions` (every prediction when nil).
    case loss(positions: Range<Int>?)
    /// logit(answer) − logit(wrong) at the last position.
    case logitDifference(LogitDifference)

    /// `loss` or `logit difference`, for titles.
    public var name: String {
        switch self {
        case .loss: return "loss"
        case .logitDifference: return "logit difference"
        }
    }

    /// The metric of a run's logits for ``rows(tokens:)`` (`[R, V]`).
    func value(_ logits: Tensor, tokens: [Int]) -> Double {
        switch self {
        case .loss:
            // Row i of `logits` is position rows.lowerBound + i, which predicts the token after it.
            let rows = self.rows(tokens: tokens.count)
            return nextTokenLoss(logits, tokens: Array(tokens[rows.lowerBound ... rows.upperBound]), positions: 0 ..< rows.count)
        case .logitDifference(let metric): return metric(logits, row: logits.shape[0] - 1)
        }
    }

    /// The positions whose logits the metric reads: the measured predictions, or the last position.
    func rows(tokens: Int) -> Range<Int> {
        switch self {
        case .loss(let positions): return positions ?? 0 ..< tokens - 1
        case .logitDifference: return tokens - 1 ..< tokens
        }
    }
}

/// Each head and each MLP layer ablated in turn, and how much the metric changes.
///
/// An ablation in layer l changes nothing before it, so each run resumes from the unablated
/// run's `blocks.{l}.hook_resid_pre` (``GPTModel/GPT/forward(fromLayer:residPre:keys:values:runs:logitRows:)``, a layer's heads and MLP as one batch).
public struct AblationSweep: Sendable {
    /// What was measured.
    public let metric: AblationMetric
    /// How parts were ablated.
    public let mode: AblationMode
    /// The metric of the unablated run.
    public let baseline: Double
    /// `heads[l][h]`: metric with head l.h ablated − baseline.
    public let heads: [[Double]]
    /// `mlp[l]`: metric with MLP layer l ablated − baseline.
    public let mlp: [Double]

    /// Runs the sweep on `tokens`.
    public init(model: GPT, tokens: [Int], metric: AblationMetric, mode: AblationMode) throws {
        try model.validate(tokens)
        if case .loss(let positions) = metric {
            let range = positions ?? 0 ..< tokens.count - 1
            guard tokens.count >= 2, range.lowerBound >= 0, range.upperBound <= tokens.count - 1, !range.isEmpty else { throw ExperimentError.noNextToken }
        }
        let c = model.configuration
        let layers = 0 ..< c.layerCount
        let recorded = layers.flatMap { [HookName.residPre($0), .z($0), .mlpOut($0)] }
        let (logits, cache) = try model.run(tokens, hooks: HookFilter(patterns: recorded.map(\.description)))
        let rows = metric.rows(tokens: tokens.count)
        let baseline = metric.value(logits.rows(rows), tokens: tokens)

        // Each layer's heads and MLP as one batch of runs resumed from its resid_pre.
        var heads: [[Double]] = [], mlp: [Double] = []
        for l in layers {
            let z = cache[.z(l)]!
            var runs = (0 ..< c.headCount).map { h in
                switch mode {
                case .zero: return ResumedRun(interventions: [.zero(.z(l), .head(h))])
                case .mean: return ResumedRun(interventions: [.replace(.z(l), .head(h), with: meanOverPositions(headSlice(z, head: h)))])
                }
            }
            runs.append(ResumedRun(interventions: [Ablation.mlpIntervention(layer: l, mode: mode, mlpOut: cache[.mlpOut(l)])]))
            let changes = ResumedBatches.run(runs, model: model, tokens: tokens.count) { batch in
                model.forward(fromLayer: l, residPre: cache[.residPre(l)]!, keys: [], values: [], runs: batch, logitRows: rows)
                    .map { metric.value($0, tokens: tokens) - baseline }
            }
            heads.append(Array(changes.dropLast()))
            mlp.append(changes.last!)
        }
        self.metric = metric
        self.mode = mode
        self.baseline = baseline
        self.heads = heads
        self.mlp = mlp
    }
}
