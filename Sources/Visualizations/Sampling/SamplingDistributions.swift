import Charts
import Foundation
import GPTModel

/// The next-token distribution as sampling sees it, at several temperatures: softmax(logits / T),
/// then top-k, then top-p (the smallest most-probable set whose probability reaches P),
/// renormalized — the same function (``Sampler/distribution(_:options:model:)``) that
/// `gptscope generate` draws its tokens from.
public struct SamplingDistributions: Sendable {
    /// One temperature's distribution.
    public struct Distribution: Sendable, Equatable {
        /// Temperature; 0 is greedy.
        public var temperature: Double
        /// top-k, or nil when off.
        public var topK: Int?
        /// top-p, or nil when off.
        public var topP: Double?
        /// Every token left with non-zero probability, most probable first (ties: lower id first).
        public var ids: [Int]
        /// Their probabilities, in the same order; they sum to 1.
        public var probabilities: [Double]
        /// softmax(logits / T) of every token before top-k and top-p (not written to JSON).
        public var beforeFiltering: [Double]

        init(temperature: Double, topK: Int?, topP: Double?, sampling: [Double], beforeFiltering: [Double]) {
            self.temperature = temperature
            self.topK = topK
            self.topP = topP
            let kept = Sampler.top(sampling.count, of: sampling).filter { sampling[$0] > 0 }
            ids = kept
            probabilities = kept.map { sampling[$0] }
            self.beforeFiltering = beforeFiltering
        }
    }

    /// The model's own distribution (temperature 1, nothing cut).
    public let model: [Double]
    /// One distribution per temperature, in the order given.
    public let distributions: [Distribution]

    /// The distributions of one row of logits `[V]` at each temperature, with top-k and top-p.
    public init(logits: ArraySlice<Float>, temperatures: [Double], topK: Int? = nil, topP: Double? = nil) {
        let model = Sampler.probabilities(logits)
        self.model = model
        distributions = temperatures.map { t in
            let options = SamplingOptions(temperature: t, topK: topK, topP: topP)
            let sampling = Sampler.distribution(logits, options: options, model: model)
            let before = t == 0 ? sampling : (t == 1 ? model : Sampler.probabilities(logits, temperature: t))
            return Distribution(temperature: t, topK: topK, topP: topP, sampling: sampling, beforeFiltering: before)
        }
    }

    /// Distributions computed elsewhere (e.g. with different cuts) shown together.
    init(model: [Double], distributions: [Distribution]) {
        self.model = model
        self.distributions = distributions
    }

    /// `{"distributions": [{"temperature", "top_k", "top_p", "ids", "probabilities"}, ...]}` with
    /// the keys in that order (`top_k` and `top_p` are `null` when off), each listing at most
    /// `limit` tokens (nil: every token with non-zero probability).
    public func json(limit: Int? = nil) -> String {
        // Written by hand: JSONEncoder does not keep key order on every platform.
        func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let entries = distributions.map { d -> String in
            let n = min(limit ?? d.ids.count, d.ids.count)
            return """
                    {"temperature": \(number(d.temperature)), "top_k": \(d.topK.map(String.init) ?? "null"), \
                "top_p": \(d.topP.map(number) ?? "null"),
                     "ids": [\(d.ids.prefix(n).map(String.init).joined(separator: ", "))],
                     "probabilities": [\(d.probabilities.prefix(n).map { "\($0)" }.joined(separator: ", "))]}
                """
        }
        return "{\"distributions\": [\n" + entries.joined(separator: ",\n") + "\n]}"
    }

    /// Bars side by side, one panel per temperature, over the `shown` tokens the model finds most
    /// probable: grey is softmax(logits / T), coloured what is left after top-k and top-p and
    /// renormalized; the greedy choice (T → 0) is marked. `label` names a token id.
    public func figure(label: (Int) -> String, shown: Int = 10, context: String) -> Figure {
        let order = Sampler.top(min(shown, model.count), of: model)
        let greedy = order.first ?? 0
        let names = order.map { ($0 == greedy ? "▶ " : "") + label($0) }
        var figure = Figure(width: max(640, 300 * Double(distributions.count) + 120), height: 40 + 30 * Double(order.count) + 150,
                            title: "How the next token is sampled", subtitle: context)
        for (column, d) in distributions.enumerated() {
            var kept = [Double](repeating: 0, count: model.count)
            for (id, p) in zip(d.ids, d.probabilities) { kept[id] = p }
            var axes = Axes(title: Self.panelTitle(d), x: Axis(label: "probability", limits: 0...1), y: Axis())
            let grey = Color(hex: 0xC8C8C8), blue = Color(hex: 0x1F77B4)
            axes.add(BarChart(categories: names, series: [
                BarSeries("softmax(logits / T)", values: order.map { d.beforeFiltering[$0] }, color: grey,
                          labels: order.map { NumberFormat.percent(d.beforeFiltering[$0]) }),
                BarSeries("sampled from", values: order.map { kept[$0] }, color: blue,
                          labels: order.map { kept[$0] > 0 ? NumberFormat.percent(kept[$0]) : "cut" }),
            ], orientation: .horizontal, mode: .grouped, valueLabels: .segments, thickness: 0.8))
            axes.legend = .none
            figure.add(axes, row: 0, column: column)
        }
        figure.legend = [LegendEntry("softmax(logits / T): the distribution after temperature", swatch: .box(Color(hex: 0xC8C8C8))),
                         LegendEntry("sampled from: after top-k and top-p, renormalized (no blue bar: cut)", swatch: .box(Color(hex: 0x1F77B4)))]
        figure.footnote = "▶ marks the greedy choice (T → 0: always the most probable token). Order of operations, as in gptscope generate: "
            + "divide the logits by T, softmax, keep the top k, keep the smallest most-probable set reaching p, renormalize."
        return figure
    }

    static func panelTitle(_ d: Distribution) -> String {
        var parts = [d.temperature == 0 ? "T = 0 (greedy)" : "T = \(String(format: "%g", d.temperature))"]
        if let k = d.topK { parts.append("top-k \(k)") }
        if let p = d.topP { parts.append("top-p \(String(format: "%g", p))") }
        return parts.joined(separator: ", ") + " · \(d.ids.count) token\(d.ids.count == 1 ? "" : "s") left"
    }
}
