import Charts
import GPTModel

/// What each block writes into the residual stream: the mean length of the attention output
/// (`hook_attn_out`) and the MLP output (`hook_mlp_out`) per layer, as grouped bars. The
/// report's picture of the MLPs' share of the work.
public enum SublayerWritesFigure {
    /// Mean L2 norms per layer: `(attention, mlp)`, each `[L]`, over positions 1… (position 0 is
    /// left out when there are others: GPT-2 writes unusually large vectors there).
    public static func norms(_ analysis: PromptAnalysis) throws -> (attention: [Double], mlp: [Double]) {
        let layers = analysis.model.configuration.layerCount
        func meanNorm(_ hook: HookName) throws -> Double {
            guard let x = analysis.cache[hook], x.shape.count == 2 else { throw ReportError.missingHook(hook.description) }
            let t = x.shape[0], c = x.shape[1]
            let positions = t > 1 ? 1..<t : 0..<t
            var total = 0.0
            for p in positions {                                               // [T, C] -> [T] -> mean
                var sum = 0.0
                for v in x.scalars[p * c ..< (p + 1) * c] { sum += Double(v) * Double(v) }
                total += sum.squareRoot()
            }
            return total / Double(positions.count)
        }
        return (try (0..<layers).map { try meanNorm(.attnOut($0)) }, try (0..<layers).map { try meanNorm(.mlpOut($0)) })
    }

    /// The grouped bar chart.
    public static func figure(_ analysis: PromptAnalysis) throws -> Figure {
        let (attention, mlp) = try norms(analysis)
        let layers = attention.indices.map { "L\($0)" }
        let bars = BarChart(categories: layers,
                            series: [BarSeries("attention output (hook_attn_out)", values: attention, color: Color(hex: 0xF28E2B)),
                                     BarSeries("MLP output (hook_mlp_out)", values: mlp, color: Color(hex: 0xE15759))],
                            mode: .grouped, format: { String(format: "%.1f", $0) })
        var axes = Axes(x: Axis(label: "layer", kind: .band, grid: false), y: Axis(label: "mean L2 norm of what the sublayer adds", includeZero: true))
        axes.add(bars)
        axes.legend = .top
        let width = max(720, min(1100, 60 * Double(layers.count) + 240))
        var figure = Figure(axes, width: width, height: 440,
                            title: "\(analysis.modelName) · what attention and the MLP add in each layer",
                            subtitle: "\(analysis.promptForTitle()) · \(analysis.tokens.count) tokens\n"
                                + "Mean length of each sublayer's output over the prompt's positions"
                                + (analysis.tokens.count > 1 ? " (position 0 left out: GPT-2 writes outsized vectors there)." : "."))
        figure.footnote = "Both outputs are added to the residual stream: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)) (GPT-2; GPT-1 normalises after the add)."
        return figure
    }
}
