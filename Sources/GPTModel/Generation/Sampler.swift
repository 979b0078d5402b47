import Foundation

/// Turns one row of logits into a sampling distribution and draws from it.
public struct Sampler: Sendable {
    /// The settings.
    public let options: SamplingOptions
    private var generator: SplitMix64

    /// A sampler seeded from `options.seed`.
    public init(options: SamplingOptions) {
        self.options = options
        self.generator = SplitMix64(seed: options.seed)
    }

    /// Softmax of `logits` in double precision.
    public static func probabilities(_ logits: ArraySlice<Float>, temperature: Double = 1) -> [Double] {
        let maximum = Double(logits.max() ?? 0)
        var result = logits.map { exp((Double($0) - maximum) / temperature) }
        let total = result.reduce(0, +)
        for i in result.indices { result[i] /= total }
        return result
    }

    /// The most probable `count` tokens, most probable first (ties: lower id first).
    public static func top(_ count: Int, of probabilities: [Double]) -> [Int] {
        let ids = Array(probabilities.indices)
        if count >= ids.count { return ids.sorted { (probabilities[$0], -$0) > (probabilities[$1], -$1) } }
        // Partial selection: keep a small sorted list.
        var best: [Int] = []
        for id in ids where best.count < count || probabilities[id] > probabilities[best[best.count - 1]] {
            let position = best.firstIndex { probabilities[$0] < probabilities[id] } ?? best.count
            best.insert(id, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Chooses the next token from `logits` (`[V]`), returning it and the `runnersUp` next candidates.
    public mutating func choose(_ logits: ArraySlice<Float>, runnersUp: Int = 4) -> (chosen: TokenProbability, alternatives: [TokenProbability]) {
        let model = Self.probabilities(logits)
        let sampling = Self.distribution(logits, options: options, model: model)
        let chosen: Int
        if options.temperature == 0 {
            chosen = Self.top(1, of: model)[0]
        } else {
            let u = generator.nextUnit()
            var cumulative = 0.0
            var pick = Self.top(1, of: sampling)[0]
            for (id, p) in sampling.enumerated() where p > 0 {
                cumulative += p
                if u < cumulative { pick = id; break }
            }
            chosen = pick
        }
        let candidate = { (id: Int) in TokenProbability(id: id, probability: model[id], samplingProbability: sampling[id]) }
        let others = Self.top(runnersUp + 1, of: model).filter { $0 != chosen }.prefix(runnersUp)
        return (candidate(chosen), others.map(candidate))
    }

    /// The distribution a token is drawn from: softmax(logits / temperature), then top-k, then
    /// top-p, renormalized; at temperature 0 all mass on the most probable token (greedy).
    /// `model` is softmax(logits) when the caller already has it.
    public static func distribution(_ logits: ArraySlice<Float>, options: SamplingOptions, model: [Double]? = nil) -> [Double] {
        let model = model ?? probabilities(logits)
        if options.temperature == 0 {
            // Greedy: all mass on the argmax.
            var sampling = [Double](repeating: 0, count: model.count)
            sampling[top(1, of: model)[0]] = 1
            return sampling
        }
        var sampling = options.temperature == 1 ? model : probabilities(logits, temperature: options.temperature)
        filter(&sampling, options: options)
        return sampling
    }

    /// Zeroes everything outside top-k and the top-p nucleus of this sampler's options, then renormalizes.
    func filter(_ p: inout [Double]) { Self.filter(&p, options: options) }

    /// Zeroes everything outside top-k and the top-p nucleus, then renormalizes.
    /// As transformers' TopKLogitsWarper then TopPLogitsWarper: the nucleus is measured on the
    /// top-k tokens renormalized: top-k 2 then top-p 0.6 on 0.5, 0.3, 0.15, 0.05 keeps only the first
    /// (0.625 of the top two reaches 0.6), where the raw 0.5 would have taken the second too.
    static func filter(_ p: inout [Double], options: SamplingOptions) {
        guard options.topK != nil || options.topP != nil else { return }
        let limit = min(options.topK ?? p.count, p.count)
        let ranked = Self.top(limit, of: p)
        let topKMass = ranked.reduce(0) { $0 + p[$1] }
        var kept: [Int] = []
        var mass = 0.0
        for id in ranked {
            kept.append(id)
            mass += p[id]
            if let topP = options.topP, mass >= topP * topKMass { break }
        }
        var filtered = [Double](repeating: 0, count: p.count)
        for id in kept { filtered[id] = p[id] / mass }
        p = filtered
    }
}
