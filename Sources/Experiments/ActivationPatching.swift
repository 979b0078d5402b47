import GPTModel
import TensorCore

/// Activation patching (causal tracing): run the corrupt prompt, paste one activation from the
/// clean run, and see how much of the clean answer comes back.
///
/// Scores are normalised, (m − m_corrupt) / (m_clean − m_corrupt) with m = logit(answer) −
/// logit(wrong) at the last position: 1 means the patched activation alone restores the clean
/// behaviour, 0 that it changes nothing.
///
/// A patch in layer l leaves layers 0 ..< l as in the corrupt run, so every patched run resumes
/// from the corrupt run's `blocks.{l}.hook_resid_pre` and computes logits at the last position only.
public struct ActivationPatching: Sendable {
    /// The model.
    public let model: GPT
    /// The clean prompt's ids.
    public let clean: [Int]
    /// The corrupt prompt's ids (same length).
    public let corrupt: [Int]
    /// The metric.
    public let metric: LogitDifference
    /// m_clean and m_corrupt.
    public let scale: PatchingScale
    /// The clean run's recorded resid_pre, attn_out, mlp_out and z of every layer.
    let cleanCache: ActivationCache
    /// The corrupt run's recorded resid_pre, attn_out, mlp_out, z, keys and values of every layer.
    let corruptCache: ActivationCache
    /// The corrupt run's keys and values, layer by layer (`[T, …]`), looked up once.
    let corruptKeys: [Tensor]
    let corruptValues: [Tensor]

    /// Runs both prompts once; throws when their lengths differ or the metric cannot be normalised.
    public init(model: GPT, clean: [Int], corrupt: [Int], metric: LogitDifference) throws {
        guard clean.count == corrupt.count else { throw ExperimentError.lengthMismatch(clean: clean.count, corrupt: corrupt.count) }
        try model.validate(clean)
        try model.validate(corrupt)
        let layers = 0 ..< model.configuration.layerCount
        let cleanHooks = layers.flatMap { [HookName.residPre($0), .attnOut($0), .mlpOut($0), .z($0)] }
        let (cleanLogits, cleanCache) = try model.run(clean, hooks: HookFilter(patterns: cleanHooks.map(\.description)))
        // The corrupt run's keys and values let a patch at position p recompute only positions p ..< T.
        // Its own resid_pre, attn_out, mlp_out and z tell which patches would paste an identical value.
        let corruptHooks = layers.flatMap { [HookName.residPre($0), .attnOut($0), .mlpOut($0), .z($0), model.cachedKeyHook($0), .v($0)] }
        let (corruptLogits, corruptCache) = try model.run(corrupt, hooks: HookFilter(patterns: corruptHooks.map(\.description)))
        let last = clean.count - 1
        self.scale = try PatchingScale(clean: metric(cleanLogits, row: last), corrupt: metric(corruptLogits, row: last),
                                       identicalPrompts: clean == corrupt)
        self.model = model
        self.clean = clean
        self.corrupt = corrupt
        self.metric = metric
        self.cleanCache = cleanCache
        self.corruptCache = corruptCache
        corruptKeys = layers.map { corruptCache[model.cachedKeyHook($0)]! }
        corruptValues = layers.map { corruptCache[.v($0)]! }
    }

    /// The normalised score of the corrupt run with `patch` (an intervention in block `layer`) applied.
    /// A patch that leaves positions before `start` unchanged (one at position `start`) resumes
    /// there, with the corrupt run's keys and values for the earlier positions.
    public func score(layer: Int, _ patch: Intervention, from start: Int = 0) -> Double {
        scores(layer: layer, [(patch, start)])[0]
    }

    /// ``score(layer:_:from:)`` of each patch, run as batches of resumed runs (see
    /// ``GPTModel/GPT/forward(fromLayer:residPre:keys:values:runs:logitRows:)``).
    public func scores(layer: Int, _ patches: [(patch: Intervention, start: Int)]) -> [Double] {
        let t = corrupt.count
        let runs = patches.map { ResumedRun(start: $0.start, interventions: [$0.patch]) }
        return ResumedBatches.run(runs, model: model, tokens: t) { batch in
            model.forward(fromLayer: layer, residPre: corruptCache[.residPre(layer)]!, keys: corruptKeys, values: corruptValues,
                          runs: batch, logitRows: t - 1 ..< t).map { scale(metric($0, row: 0)) }
        }
    }

    /// `[layer][position]`: scores of patching the clean `hook` (resid_pre, attn_out or mlp_out) at one position.
    public func layerByPosition(_ hook: (Int) -> HookName) -> [[Double]] {
        (0 ..< model.configuration.layerCount).map { l in
            let (source, target) = (cleanCache[hook(l)]!, corruptCache[hook(l)]!)
            return scores(layer: l, (0 ..< clean.count).map { p in
                let row = source.row(p)
                return (.replace(hook(l), .position(p), with: row), p, row == target.row(p))
            })
        }
    }

    /// `[layer][head]`: scores of patching each head's clean `hook_z` at every position.
    public func heads() -> [[Double]] {
        (0 ..< model.configuration.layerCount).map { l in
            let (z, target) = (cleanCache[.z(l)]!, corruptCache[.z(l)]!)
            return scores(layer: l, (0 ..< model.configuration.headCount).map { h in
                let rows = headSlice(z, head: h)
                return (.replace(.z(l), .head(h), with: rows), 0, rows == headSlice(target, head: h))
            })
        }
    }

    /// `[layer][head][position]`: scores of patching one head's clean `hook_z` at one position.
    public func headsByPosition() -> [[[Double]]] {
        let (nh, t) = (model.configuration.headCount, clean.count)
        return (0 ..< model.configuration.layerCount).map { l in
            let (z, target) = (cleanCache[.z(l)]!, corruptCache[.z(l)]!)
            let patches = (0 ..< nh).flatMap { h in
                let (rows, own) = (headSlice(z, head: h), headSlice(target, head: h))
                return (0 ..< t).map { p in
                    let row = rows.row(p)
                    return (patch: Intervention.replace(.z(l), .head(h, position: p), with: row), start: p, unchanged: row == own.row(p))
                }
            }
            let flat = scores(layer: l, patches)
            return (0 ..< nh).map { h in Array(flat[h * t ..< (h + 1) * t]) }
        }
    }

    /// Scores of `patches`, where a patch that pastes the value the corrupt run already has
    /// (a position before the prompts first differ: attention is causal) scores exactly 0, the
    /// corrupt run itself, without being run.
    func scores(layer: Int, _ patches: [(patch: Intervention, start: Int, unchanged: Bool)]) -> [Double] {
        let changed = patches.filter { !$0.unchanged }
        var computed = scores(layer: layer, changed.map { ($0.patch, $0.start) }).makeIterator()
        return patches.map { $0.unchanged ? 0 : computed.next()! }
    }

    /// Every sweep: resid_pre, attn_out and mlp_out per layer × position, heads per layer × head
    /// (and per position when `headPositions`).
    public func run(headPositions: Bool = false) -> PatchingResult {
        PatchingResult(clean: scale.clean, corrupt: scale.corrupt,
                       residPre: layerByPosition(HookName.residPre), attnOut: layerByPosition(HookName.attnOut),
                       mlpOut: layerByPosition(HookName.mlpOut), heads: heads(),
                       headPositions: headPositions ? headsByPosition() : nil)
    }
}

/// The grids of a patching experiment (all normalised scores).
public struct PatchingResult: Sendable, Equatable {
    /// m_clean.
    public let clean: Double
    /// m_corrupt.
    public let corrupt: Double
    /// `[L][T]`.
    public let residPre: [[Double]]
    /// `[L][T]`.
    public let attnOut: [[Double]]
    /// `[L][T]`.
    public let mlpOut: [[Double]]
    /// `[L][NH]`.
    public let heads: [[Double]]
    /// `[L][NH][T]`, when computed.
    public let headPositions: [[[Double]]]?

    /// |m_clean − m_corrupt|, the divisor of every score.
    public var gap: Double { abs(clean - corrupt) }

    /// A result from its grids.
    public init(clean: Double, corrupt: Double, residPre: [[Double]], attnOut: [[Double]], mlpOut: [[Double]],
                heads: [[Double]], headPositions: [[[Double]]]?) {
        self.clean = clean
        self.corrupt = corrupt
        self.residPre = residPre
        self.attnOut = attnOut
        self.mlpOut = mlpOut
        self.heads = heads
        self.headPositions = headPositions
    }
}
