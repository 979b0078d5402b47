import Charts
import Foundation
import Testing
@testable import Visualizations

/// `--lang zh` and `--lang zh-Hant` translate the report's figures, not only its page.
@Suite("Figure translation")
struct FigureTranslationTests {
    /// Every figure the report draws for `prompt` on the fixture model, in English.
    static func reportFigures(prompt: String = "The cat sat. 你好") throws -> [(stem: String, figure: Figure, tokens: [String])] {
        let analysis = try ReportFixture.analysis(prompt: prompt)
        let planner = ReportPlanner(analysis: analysis)
        var shared = ReportShared()
        for kind in ReportShared.Kind.allCases { shared = shared.merging(planner.compute(kind)) }
        // Token strings a figure may show: the prompt's, the predictions', the generation's.
        var tokens = analysis.tokens.labels + ReportPrediction.top(50, of: analysis).map(\.label)
        if let record = try? shared.generated() {
            tokens += record.steps.flatMap { [$0.chosen.label] + $0.candidates.map(\.label) }
        }
        return try planner.recipes().map { ($0.item.stem, try $0.build(shared).figure, tokens) }
    }

    /// A text that may stay in Latin letters in a Chinese figure: empty, a number, a model or
    /// hook name, a symbol (d_model, wte, MLP, LayerNorm), or one of the prompt's token strings.
    static func mayStayEnglish(_ text: String, tokens: Set<String>) -> Bool {
        // Symbols and the quoted example word are not English prose.
        let prose = ["d_model", "d_head", "\" king\""].reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
        let latinWords = prose.split { !($0.isASCII && $0.isLetter) }.map(String.init)
        let names: Set<String> = ["GPT", "MLP", "LayerNorm", "softmax", "logit", "logits", "d_model", "d_head", "wte", "wpe",
                                  "ln_f", "BPE", "PCA", "PC", "L", "H", "e", "k", "M", "B", "K", "x", "FLOPs", "cos", "sin",
                                  "Fullvocab", "fullvocab", "gpt", "nano", "XL", "Transformer", "QK", "OV", "ln", "UTF", "xx",
                                  "resid", "pre", "post", "mid", "hook", "attn", "out", "mlp", "blocks", "bias", "pos", "d", "i",
                                  "rollout", "Rollout", "Abnar", "Zuidema", "Belrose", "TransformerLens", "tuned", "lens", "n",
                                  "q", "p", "a", "b", "j", "I", "sd", "ctx", "id", "ids"]
        if tokens.contains(text) || tokens.contains(text.trimmingCharacters(in: .whitespaces)) { return true }
        return latinWords.allSatisfy { word in names.contains(word) || word.count == 1 || tokens.contains { $0.contains(word) } }
            || latinWords.isEmpty
    }

    @Test("every figure text of a report has a zh and zh-Hant translation (tokens and names excepted)",
          arguments: ["The cat sat. 你好", "When Mary and John went to the store, John gave a drink to Mary. Then Mary and John sat down"])
    func reportCoverage(prompt: String) throws {
        for (stem, figure, tokens) in try Self.reportFigures(prompt: prompt) {
            let tokenSet = Set(tokens)
            for language in [ReportLanguage.zh, .zhHant] {
                let left = figure.localized(language).texts.filter { !Self.mayStayEnglish($0, tokens: tokenSet) }
                #expect(left.isEmpty, "\(stem) [\(language.rawValue)] still in English: \(left)")
            }
        }
    }
}
