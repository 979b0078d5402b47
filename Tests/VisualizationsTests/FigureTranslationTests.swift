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
        var prose = ["d_model", "d_head", "d_ff", "n_ctx", "\" king\""].reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
        // Quoted text is data (a prompt, a generated continuation), and snake_case words are hook
        // or weight names (hook_attn_scores, ln_final, m_corrupt).
        prose = prose.replacingOccurrences(of: "“[^”]*”|'[^']*'", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "[A-Za-z0-9]+(_[A-Za-z0-9]+)+", with: " ", options: .regularExpression)
        let latinWords = prose.split { !($0.isASCII && $0.isLetter) }.map(String.init)
        let names: Set<String> = ["GPT", "MLP", "LayerNorm", "softmax", "logit", "logits", "d_model", "d_head", "wte", "wpe",
                                  "ln_f", "BPE", "PCA", "PC", "L", "H", "e", "k", "M", "B", "K", "x", "FLOPs", "cos", "sin",
                                  "Fullvocab", "fullvocab", "gpt", "nano", "XL", "Transformer", "QK", "OV", "ln", "UTF", "xx",
                                  "resid", "pre", "post", "mid", "hook", "attn", "out", "mlp", "blocks", "bias", "pos", "d", "i",
                                  "rollout", "Rollout", "Abnar", "Zuidema", "Belrose", "TransformerLens", "tuned", "lens", "n",
                                  "q", "p", "a", "b", "j", "I", "sd", "ctx", "id", "ids", "nat", "V", "synthetic",
                                  "GELU", "tanh", "SwiGLU", "RMSNorm", "ReLU", "SiLU", "LN", "floor", "log", "top", "Llama", "Mistral",
                                  "Brown", "Child", "Kobayashi", "nanoGPT", "gptscope", "generate", "train", "kv",
                                  "llama", "Qwen", "NeoX", "Su", "Vaswani"]
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

    @Test("every figure text of a training report has a zh and zh-Hant translation")
    func trainingReportCoverage() throws {
        let run = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: run) }
        for entry in try TrainingReport(runFolder: run).entries().entries {
            for language in [ReportLanguage.zh, .zhHant] {
                let left = entry.figure.localized(language).texts.filter { !Self.mayStayEnglish($0, tokens: []) }
                #expect(left.isEmpty, "\(entry.item.stem) [\(language.rawValue)] still in English: \(left)")
            }
        }
    }

    @Test("templates: holes take phrases, numbers and tokens; numeric holes refuse words; tokens never convert")
    func templates() {
        #expect(FigureText.translate("layer 3", to: .zh) == "第 3 层")
        #expect(FigureText.translate("layer three", to: .zh) == "layer three")          // {#0} takes numbers only
        #expect(FigureText.translate("gpt2 · layer 1, head 0: attention pattern", to: .zhHant) == "gpt2 · 第 1 層第 0 個頭：注意力模式")
        // A Simplified token in a hole stays Simplified on a Traditional figure: it is data.
        #expect(FigureText.translate("Prompt “人工智能” · 4 tokens", to: .zhHant) == "提示詞“人工智能” · 4 個詞元")
        // Unknown text, token strings and English stay as they are.
        #expect(FigureText.translate("·cat", to: .zh) == "·cat")
        #expect(FigureText.translate("attention weight", to: .en) == "attention weight")
    }
}
