import Foundation
import GPTModel
import Testing
@testable import Visualizations

/// The page writer on a hand-made page: structure, language, escaping, the attention caveat.
@Suite("Report page (HTML)")
struct ReportHTMLTests {
    static func page(_ language: ReportLanguage, prompt: String = "The <cat> & \"dog\"") -> ReportPage {
        let attention = ReportItem(stem: "attention.L0.heads", section: .attention,
                                   group: LocalizedText(en: "Layer 0", zh: "第 0 层"),
                                   title: LocalizedText(en: "Every head of layer 0", zh: "第 0 层的所有注意力头"),
                                   explanation: LocalizedText(en: "Rows are queries.", zh: "每一行是一个查询。"),
                                   hooks: [.pattern(0)])
        let tokens = ReportItem(stem: "tokens", section: .tokens, title: LocalizedText(en: "Chips", zh: "色块"),
                                explanation: LocalizedText(en: "One chip per token.", zh: "每个词元一个色块。"))
        return ReportPage(
            language: language, modelName: "tiny", modelDescription: "2 layers", prompt: prompt, tokenCount: 5,
            figures: [ReportPage.Figure(item: tokens, width: 960, height: 200, files: ["tokens.png", "tokens.svg"]),
                      ReportPage.Figure(item: attention, width: 800, height: 600, files: ["attention.L0.heads.png"])],
            predictions: [ReportPrediction(rank: 1, token: TokenProbability(id: 262, label: "·the", probability: 0.25))])
    }

    @Test("every figure is an <img> with its PNG, a heading and its explanation; sections in teaching order")
    func figuresInOrder() throws {
        let html = ReportHTML.render(Self.page(.en))
        #expect(ReportFixture.imageSources(html) == ["tokens.png", "attention.L0.heads.png"])
        #expect(html.contains("<h4>Chips</h4>") && html.contains("One chip per token."))
        #expect(html.contains("href=\"tokens.svg\""))
        let tokens = try #require(html.range(of: "<section id=\"tokens\">"))
        let attention = try #require(html.range(of: "<section id=\"attention\">"))
        #expect(tokens.lowerBound < attention.lowerBound)
        // Chapters without figures are left out, and the table of contents links every chapter shown.
        #expect(!html.contains("<section id=\"positions\">"))
        #expect(html.contains("<a href=\"#tokens\">Tokens</a>") && html.contains("<a href=\"#attention\">"))
        #expect(html.contains("<h3 class=\"group\" id=\"attention-layer-0\">Layer 0</h3>"))
    }

    @Test("self-contained: no script, no network address, inline style")
    func selfContained() {
        let html = ReportHTML.render(Self.page(.en))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"//"))
        #expect(html.contains("<style>") && !html.contains("<link"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("the attention chapter carries the caveat with both citations")
    func caveat() {
        for language in ReportLanguage.allCases {
            let html = ReportHTML.render(Self.page(language))
            #expect(html.contains("class=\"caveat\""))
            #expect(html.contains("Jain &amp; Wallace (2019)") && html.contains("Wiegreffe &amp; Pinter (2019)"))
        }
        #expect(ReportHTML.render(Self.page(.en)).contains("Attention weights are not explanations"))
        #expect(ReportHTML.render(Self.page(.zh)).contains("注意力权重并不等于解释"))
    }

    @Test("zh: Chinese headings, lang attribute, Chinese explanations; figure files unchanged")
    func chinese() {
        let html = ReportHTML.render(Self.page(.zh))
        #expect(html.contains("<html lang=\"zh-Hans\">"))
        #expect(html.contains("<h2>目录</h2>"))
        #expect(html.contains("词元（token）") && html.contains("逐层看注意力") && html.contains("第 0 层"))
        #expect(html.contains("每一行是一个查询。") && !html.contains("Rows are queries."))
        #expect(ReportFixture.imageSources(html) == ["tokens.png", "attention.L0.heads.png"])
    }

    @Test("the prompt and token labels are escaped")
    func escaping() {
        let html = ReportHTML.render(Self.page(.en))
        #expect(html.contains("The &lt;cat&gt; &amp; \"dog\""))
        #expect(!html.contains("<cat>"))
    }

    @Test("hook lists are shortened to layer ranges")
    func compactHooks() {
        let hooks = (0..<12).map { "blocks.\($0).attn.hook_pattern" } + ["hook_embed"]
        #expect(ReportHTML.compactHooks(hooks) == "blocks.{0–11}.attn.hook_pattern, hook_embed")
        #expect(ReportHTML.compactHooks(["blocks.3.hook_resid_post", "blocks.5.hook_resid_post"]) == "blocks.{3,5}.hook_resid_post")
        #expect(ReportHTML.compactHooks(["blocks.7.attn.hook_pattern"]) == "blocks.7.attn.hook_pattern")
    }
}
