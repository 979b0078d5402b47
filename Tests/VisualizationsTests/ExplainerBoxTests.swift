import Foundation
import Testing
@testable import Visualizations

/// The report's box of numbers explainers often get wrong: present in every language, every
/// number computed from the presets and from the report's own prompt.
@Suite("Explainer box")
struct ExplainerBoxTests {
    @Test("the page shows every item with numbers from the presets and the prompt", arguments: ReportLanguage.allCases)
    func pageShowsTheBox(_ language: ReportLanguage) async throws {
        let analysis = try ReportFixture.analysis()      // prompt "The cat sat. 你好"
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ReportWriter(analysis: analysis, options: ReportOptions(language: language)).write(to: folder)
        let html = try String(contentsOf: result.page, encoding: .utf8)
        guard let start = html.range(of: "<aside class=\"explainers\""), let end = html[start.upperBound...].range(of: "</aside>") else {
            Issue.record("no explainer box in the \(language.rawValue) page")
            return
        }
        let box = String(html[start.lowerBound..<end.upperBound])
        #expect(box.contains(ExplainerFacts.heading(language)))
        #expect(box.components(separatedBy: "<dt>").count - 1 == 7)
        #expect(html.contains("<a href=\"#explainers\">"))
        // From the presets, worked by hand: GPT-2 small 124,439,808 vs the paper's 117M; GPT-2 XL
        // 1,557,611,200 in 48 layers; GPT-3 context 2,048 vs width 12,288; per layer
        // 12·12,288² + 13·12,288 = 1,812,099,072; 6·N·D = 6 × 174,591,... × 300e9 ≈ 3.14e23;
        // GPT-2's learned position table 1,024 × 768 = 786,432.
        for number in ["124,439,808", "117M", "1,557,611,200", "48", "2,048", "12,288", "1,812,099,072", "3.14e23",
                       "300B", "786,432", "1,024 × 768"] {
            #expect(box.contains(number), "\(language.rawValue): \(number)")
        }
        // The report's own prompt: 4 words (The, cat, sat., 你好) and its 9 tokens under the
        // model's tokenizer (GPT-2's for this fixture): 9 / 4 = 2.25 tokens per word.
        #expect(analysis.tokens.count == 9)
        #expect(box.contains("2.25"))
        // Its Chinese characters alone under GPT-2: 你 = E4 BD A0 and 好 = E5 A5 BD, each two
        // byte-level tokens; “你好” is 2 characters and 4 tokens.
        #expect(box.contains("你好"))
        switch language {
        case .en:
            #expect(box.contains("This prompt is 4 words and 9 tokens under the gpt2-fullvocab tokenizer (2.25 tokens per word)"))
            #expect(box.contains("takes 2 tokens on its own: “你好” is 2 characters and 4 tokens"))
        case .zh:
            #expect(box.contains("这个提示词有 4 个词（以空格分隔），用 gpt2-fullvocab 分词器切分是 9 个词元"))
            #expect(box.contains("单独一个汉字要 2 个词元：“你好”共 2 个字、4 个词元"))
        case .zhHant:
            #expect(box.contains("這個提示詞有 4 個詞（以空格分隔），用 gpt2-fullvocab 分詞器切分是 9 個詞元"))
            #expect(box.contains("單獨一個漢字要 2 個詞元：“你好”共 2 個字、4 個詞元"))
            #expect(box.contains("參數") && !box.contains("引數"))
        }
    }
}
