import TensorCore

/// One run of a batch resumed from a recorded residual stream: the position it starts at and
/// the interventions it makes (see ``GPT/forward(fromLayer:residPre:keys:values:runs:logitRows:)``).
public struct ResumedRun: Sendable {
    /// The first position this run computes; earlier ones are the recorded run's.
    public var start: Int
    /// What this run changes.
    public var interventions: [Intervention]

    /// A run from position `start` with `interventions`.
    public init(start: Int = 0, interventions: [Intervention]) {
        self.start = start
        self.interventions = interventions
    }
}

/// The hook site of a batch: runs stacked along the position axis, each with its own rows,
/// first position and interventions. A hook nobody intervenes on costs one set lookup.
struct BatchHooks: HookSite {
    /// One run's hook points each (interventions only; their `startPosition` is the run's first
    /// position of the rows now passing).
    var runs: [HookPoints]
    /// Each run's rows in the stacked values.
    var spans: [Range<Int>]
    /// Every hook some run intervenes on.
    private let edited: Set<HookName>

    init(runs: [ResumedRun], spans: [Range<Int>]) {
        self.runs = runs.map { run in
            var hooks = HookPoints(interventions: run.interventions)
            hooks.startPosition = run.start
            return hooks
        }
        self.spans = spans
        edited = Set(runs.flatMap { $0.interventions.map(\.hook) })
    }

    mutating func callAsFunction(_ name: HookName, _ value: Tensor) -> Tensor {
        guard edited.contains(name) else { return value }
        var value = value
        for r in runs.indices where runs[r].interventions.contains(where: { $0.hook == name }) {
            value.replaceRows(from: spans[r].lowerBound, with: runs[r](name, value.rows(spans[r])))
        }
        return value
    }
}

extension GPT {
    /// Logits of several runs resumed from the same residual stream entering block `layer`, as
    /// one batch: the runs' rows go through every matrix product together, and each run attends
    /// over its own keys and values.
    ///
    /// Why: an ablation or patching sweep makes hundreds of short runs that differ only in one
    /// intervention. One at a time, a 19-token run streams all of the layer's weights through
    /// `sgemm` for a few rows, and is bound by memory; stacked, the weights are read once for
    /// the batch. The result of each run is that of
    /// ``forward(fromLayer:residPre:start:keys:values:hooks:logitRows:)`` with its `start` and
    /// interventions (rows are independent in every product, so only rounding can differ).
    ///
    /// Run r computes positions `runs[r].start ..< T`, reading earlier positions' keys and values
    /// from `keys` and `values` (every layer's, `[T, …]`; pass `[]` when every run starts at 0).
    /// Interventions name absolute positions; nothing is recorded. Returns each run's logits
    /// for the rows of `logitRows` (every row when nil) at or after its start: `[R_r, V]`.
    public func forward(fromLayer layer: Int, residPre: Tensor, keys: [Tensor], values: [Tensor],
                        runs: [ResumedRun], logitRows: Range<Int>? = nil) -> [Tensor] {
        let t = residPre.shape[0]
        precondition(layer >= 0 && layer <= blocks.count, "layer \(layer) outside 0...\(blocks.count)")
        precondition(runs.allSatisfy { $0.start >= 0 && $0.start < t }, "a run starts outside 0..<\(t)")
        guard !runs.isEmpty else { return [] }
        // The stacked rows: run r's positions start_r ..< T, one run after another.
        var spans: [Range<Int>] = [], offset = 0
        for run in runs {
            spans.append(offset ..< offset + t - run.start)
            offset += t - run.start
        }
        var hooks = BatchHooks(runs: runs, spans: spans)
        if runs.contains(where: { $0.start > 0 }) {
            precondition(keys.count == blocks.count && values.count == blocks.count, "keys and values of every layer are needed")
        }
        let width = configuration.keyValueHeadCount * configuration.headWidth
        // Each run's cache of the layers it runs, holding the recorded run's earlier positions.
        var caches: [[KVCache.Layer]] = runs.map { run in
            (layer ..< blocks.count).map { i in
                var cache = KVCache.Layer(capacity: t, width: width)
                if run.start > 0 { cache.append(keys: keys[i].rows(0 ..< run.start), values: values[i].rows(0 ..< run.start)) }
                return cache
            }
        }
        let rotations = configuration.positionEncoding == .rotary
            ? runs.map { configuration.rotaryEmbedding.table(startPosition: $0.start, count: t - $0.start) } : nil
        var x = Tensor(stackingRows: runs.map { $0.start == 0 ? residPre : residPre.rows($0.start ..< t) })  // [ΣT_r, C]
        for i in layer ..< blocks.count {
            let attention = blocks[i].attention
            x = blocks[i].forward(x, layer: i, hooks: &hooks) { x, hooks in                    // [ΣT_r, C]
                attention.batched(x, layer: i, hooks: &hooks, caches: &caches, cacheIndex: i - layer, rotations: rotations)
            }
        }
        // The rows each run wants logits for, stacked again.
        let wanted = runs.map { (logitRows ?? 0 ..< t).clamped(to: $0.start ..< t) }
        var rows: [Tensor] = [], logitSpans: [Range<Int>] = []
        offset = 0
        for (r, range) in wanted.enumerated() {
            let first = spans[r].lowerBound + range.lowerBound - runs[r].start
            rows.append(x.rows(first ..< first + range.count))
            logitSpans.append(offset ..< offset + range.count)
            offset += range.count
            hooks.runs[r].startPosition = range.lowerBound
        }
        hooks.spans = logitSpans
        guard offset > 0 else { return wanted.map { _ in Tensor(shape: [0, configuration.vocabularySize]) } }
        let logits = outputLogits(Tensor(stackingRows: rows), hooks: &hooks)                   // [ΣR_r, C] -> [ΣR_r, V]
        return logitSpans.map { logits.rows($0) }
    }
}

extension CausalSelfAttention {
    /// The attention of a batch: one set of projections over the stacked rows, then each run's
    /// keys and values appended to its own cache (`caches[r][cacheIndex]`) and attended over,
    /// with its own rotation. `[ΣT_r, C] -> [ΣT_r, C]`.
    func batched(_ x: Tensor, layer i: Int, hooks: inout BatchHooks, caches: inout [[KVCache.Layer]], cacheIndex: Int,
                 rotations: [RotaryEmbedding.Table]?) -> Tensor {
        let rows = x.shape[0]
        let (nh, kv) = (headCount, keyValueHeadCount)
        let hs = headWidth ?? x.shape[1] / nh
        let (q0, k0, v0) = project(x, t: rows, heads: nh, keyValueHeads: kv, headWidth: hs)   // [ΣT_r, NH, hs], [ΣT_r, KV, hs] ×2
        let q = hooks(.q(i), q0), k = hooks(.k(i), k0), v = hooks(.v(i), v0)
        var z = Tensor(shape: [rows, nh, hs])                                                 // [ΣT_r, NH, hs]
        for r in hooks.runs.indices {
            let span = hooks.spans[r], past = caches[r][cacheIndex].length
            var (qr, kr) = (q.rows(span), k.rows(span))                                        // [T_r, NH, hs], [T_r, KV, hs]
            if let rotary, let table = rotations?[r] {
                qr = hooks.runs[r](.rotQ(i), rotary.rotate(qr, table: table))
                kr = hooks.runs[r](.rotK(i), rotary.rotate(kr, table: table))
            }
            caches[r][cacheIndex].append(keys: kr, values: v.rows(span))
            let cache = caches[r][cacheIndex]
            let scores = hooks.runs[r](.attnScores(i), causalAttentionScores(qr, keys: cache.keys, heads: nh, keyValueHeads: kv, past: past, scale: scoreScale))
            let pattern = hooks.runs[r](.pattern(i), causalSoftmax(consume scores))            // [NH, T_r, S]
            z.replaceRows(from: span.lowerBound, with: causalWeightedSum(pattern, values: cache.values, width: nh * hs, keyValueHeads: kv))
        }
        z = hooks(.z(i), z)
        return linear(z.reshaped([rows, nh * hs]), weight: projWeight, bias: hasOutputBias ? projBias : nil,
                      outInLayout: format != .gpt2)                                           // [ΣT_r, A] -> [ΣT_r, C]
    }
}
