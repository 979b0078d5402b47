import Charts
import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// The parameter figures: structure of their SVG (titles, model names, legend entries, numbers).
@Suite struct ParameterFiguresTests {
    static let gpt = ["gpt1", "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt3-small", "gpt3-medium", "gpt3-large",
                      "gpt3-xl", "gpt3-2.7b", "gpt3-6.7b", "gpt3-13b", "gpt3-175b"]

    func breakdowns(_ names: [String]) throws -> [ParameterBreakdown] {
        try names.map { ParameterBreakdown(try GPTConfiguration.preset(named: $0)) }
    }

    /// The text content of every `<text>` element (tspans removed).
    func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { chunk in
            guard let start = chunk.firstIndex(of: ">"), let end = chunk.range(of: "</text>") else { return nil }
            return String(chunk[chunk.index(after: start)..<end.lowerBound])
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
    }

    /// Writes the figure for eyeballing when GPTSCOPE_CHART_SAMPLES names a folder.
    func keep(_ figure: Figure, _ name: String) throws {
        guard let dir = ProcessInfo.processInfo.environment["GPTSCOPE_CHART_SAMPLES"] else { return }
        try figure.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).png"))
        try figure.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).svg"))
    }

    @Test func displayNamesReadLikeThePapers() {
        #expect(ParameterStyle.displayName("gpt2-medium") == "GPT-2 Medium")
        #expect(ParameterStyle.displayName("gpt2-xl") == "GPT-2 XL")
        #expect(ParameterStyle.displayName("gpt3-175b") == "GPT-3 175B")
        #expect(ParameterStyle.displayName("gpt3-2.7b") == "GPT-3 2.7B")
        #expect(ParameterStyle.displayName("gpt1") == "GPT-1")
        #expect(ParameterStyle.displayName("my-model") == "my-model")
    }

    @Test(arguments: [false, true])
    func comparisonNamesEveryModelAndGroup(_ log: Bool) throws {
        let figure = ParameterFigures.comparison(try breakdowns(Self.gpt), logScale: log)
        try keep(figure, log ? "params-comparison-log" : "params-comparison")
        let t = texts(try figure.svg())
        #expect(t.contains("Parameters of GPT-1, GPT-2 (4), GPT-3 (8)"))
        for name in ["GPT-1", "GPT-2", "GPT-2 Medium", "GPT-2 XL", "GPT-3 Small", "GPT-3 175B"] {
            #expect(t.contains(name), "model \(name) missing")
        }
        for group in ["token embedding", "position embedding", "attention", "MLP", "normalization"] {
            #expect(t.contains(group), "legend entry \(group) missing")
        }
        // Totals written on the bars beside the published ones: GPT-2's 124,439,808 is 124.4M,
        // the paper said 117M; GPT-2 XL's 1,557,611,200 is 1.56B beside the paper's 1,542M.
        if log {
            #expect(t.contains("124.4M · paper 117M"))
            #expect(t.contains("1.56B · paper 1.542B"))
            #expect(t.contains("174.6B · paper 175B"))
            #expect(t.contains("published total (paper)"))
            #expect(t.contains("1B") && t.contains("100B"), "decade ticks")
            #expect(t.contains { $0.hasSuffix("%") })
        } else {
            #expect(t.contains("124.4M") && t.contains("paper: 117M"))
            #expect(t.contains("1.56B") && t.contains("paper: 1.542B"))
        }
    }

    @Test func breakdownShowsCountsSharesAndFormulas() throws {
        let b = try breakdowns(["gpt2"])[0]
        let figure = ParameterFigures.breakdown(b)
        try keep(figure, "params-breakdown-gpt2")
        let t = texts(try figure.svg())
        #expect(t.contains("GPT-2: 124,439,808 parameters"))
        #expect(t.contains("Token embedding"))
        // wte is 50,257 × 768 = 38,597,376 = 31.0% of the total.
        let share = NumberFormat.percent(38_597_376.0 / 124_439_808.0)
        #expect(t.contains { $0.hasPrefix("38.6M · \(share)") })
        #expect(t.contains("token embedding") && t.contains("MLP"))
        #expect(t.allSatisfy { !$0.contains("nan") })
    }

    @Test func breakdownSubtitleSeparatesTheKeyFromTheFacts() throws {
        // Without a published total the key to the bars starts its own line instead of running
        // on after "vocabulary …".
        var c = try GPTConfiguration.preset(named: "gpt2")
        c.publishedParameterCount = nil
        let lines = try #require(ParameterFigures.breakdown(ParameterBreakdown(c)).subtitle).split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasSuffix("vocabulary 50,257") && lines[1].hasPrefix("Bars: "))
        // With one, it follows the published total's sentence.
        let published = try #require(ParameterFigures.breakdown(try breakdowns(["gpt2"])[0]).subtitle)
        #expect(published.contains("counted here (+6.4%). Bars: "))
    }

    @Test func breakdownOfEncoderDecoderNamesStacks() throws {
        let figure = ParameterFigures.breakdown(try breakdowns(["transformer-base"])[0])
        try keep(figure, "params-breakdown-transformer-base")
        let t = texts(try figure.svg())
        #expect(t.contains { $0.hasPrefix("encoder: ") })
        #expect(t.contains { $0.hasPrefix("decoder: ") })
        // No fixed context (Vaswani et al. 2017, §3.5): not "context 512", its d_model; and the
        // published 65M beside the 63,082,496 counted.
        #expect(t.contains { $0.contains("context none (sinusoidal)") })
        #expect(!t.contains { $0.contains("context 512") })
        #expect(t.contains { $0.contains("Published 65M vs 63.1M counted here") })
    }

    @Test func scalingHasAPanelPerQuantity() throws {
        let figure = ParameterFigures.scaling(try breakdowns(Self.gpt))
        try keep(figure, "params-scaling")
        let t = texts(try figure.svg())
        for title in ["Layers (L)", "Attention heads (h)", "Width (d_model)", "Context length (tokens)", "Parameters (log scale)"] {
            #expect(t.contains(title))
        }
        // GPT-3 175B: 96 layers, 96 heads, d_model 12,288; GPT-2: context 1,024.
        #expect(t.contains("96") && t.contains("12,288") && t.contains("1,024") && t.contains("2,048"))
        #expect(t.contains("GPT-1") && t.contains("GPT-2") && t.contains("GPT-3"))
    }

    /// The original Transformer gets no context bar, only "none (sinusoidal)"; its 512 is a width.
    @Test func scalingShowsTheTransformerWithoutContext() throws {
        let figure = ParameterFigures.scaling(try breakdowns(["transformer-base", "gpt2"]))
        try keep(figure, "params-scaling-transformer")
        let t = texts(try figure.svg())
        #expect(t.contains("none (sinusoidal)"))
        #expect(t.filter { $0 == "512" }.count == 1, "512 appears once: the Transformer's d_model")
    }
}
