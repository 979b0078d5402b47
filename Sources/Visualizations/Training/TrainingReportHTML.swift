import Charts
import Foundation

/// Writes the training report's `index.html` with the same style sheet and markup as
/// `gptscope report`'s page (``ReportHTML``): masthead with the run's facts, contents, one
/// chapter for the loss and one for the heads (with the attention caveat), figures with captions.
enum TrainingReportHTML {
    /// The page as HTML text.
    static func render(history: TrainingHistory, figures: [ReportPage.Figure], heads: [TrainingHead],
                       finalScores: [Double], language lang: ReportLanguage) -> String {
        let e = ReportHTML.escape
        var facts = "<dt>\(e(ReportPhrases.model[lang]))</dt><dd>\(e(modelDescription(history, lang)))</dd>\n"
        facts += "<dt>\(e(TrainingReportText.steps[lang]))</dt><dd>\(NumberFormat.thousands(history.steps.last?.step ?? 0))</dd>\n"
        if let final = history.finalEvaluation {
            facts += "<dt>\(e(TrainingReportText.finalLoss[lang]))</dt><dd>\(String(format: "%.3f", final.validationLoss)) \(e(TrainingReportText.nats[lang]))</dd>\n"
        }
        facts += "<dt>\(e(TrainingReportText.baseline[lang]))</dt><dd>\(String(format: "%.3f", history.unigramEntropy)) \(e(TrainingReportText.nats[lang]))"
            + " · ln V = \(String(format: "%.3f", history.uniformLoss))</dd>\n"
        if !heads.isEmpty {
            facts += "<dt>\(e(TrainingReportText.heads[lang]))</dt><dd title=\"\(ReportHTML.attribute(TrainingReportText.scoreHint[lang]))\">\(e(zip(heads, finalScores).map { "\($0.name) (\(TrainingReportText.scoreLabel($0.kind)[lang]) \(String(format: "%.2f", $1)))" }.joined(separator: ", ")))</dd>\n"
        }
        var html = ReportHTML.documentStart(title: TrainingReportText.pageTitle[lang], name: history.shape.name,
                                            masthead: "<dl class=\"facts\">\n\(facts)</dl>\n", lang)
        let sections = [ReportSection.predictions, .attention].filter { s in figures.contains { $0.item.section == s } }
        html += "<nav class=\"toc\" aria-label=\"\(ReportHTML.attribute(ReportPhrases.contents[lang]))\">\n<h2>\(e(ReportPhrases.contents[lang]))</h2>\n<ol>\n"
        for section in sections {
            let items = figures.filter { $0.item.section == section }
                .map { "<li><a href=\"#fig-\(ReportHTML.attribute($0.item.stem))\">\(e($0.item.title[lang]))</a></li>" }
            html += "<li><a href=\"#\(chapterID(section))\">\(e(TrainingReportText.chapterTitle(section)[lang]))</a>\n<ol>\(items.joined())</ol></li>\n"
        }
        html += "</ol>\n</nav>\n<main>\n"
        for (number, section) in sections.enumerated() {
            var body = section == .attention ? ReportHTML.caveat(lang, references: false) : ""
            for figure in figures where figure.item.section == section { body += self.figure(figure, lang) }
            html += ReportHTML.chapter(id: chapterID(section), number: number + 1, title: TrainingReportText.chapterTitle(section)[lang],
                                       introduction: TrainingReportText.chapterIntroduction(section)[lang], body: body)
        }
        return html + ReportHTML.documentEnd(lang)
    }

    private static func chapterID(_ section: ReportSection) -> String {
        section == .attention ? "heads" : "loss"
    }

    /// One figure, marked up as ``ReportHTML`` does; its tensors live in the run's probe files.
    private static func figure(_ figure: ReportPage.Figure, _ lang: ReportLanguage) -> String {
        ReportHTML.figure(figure, lang, hookSource: "probes/step-*.safetensors: ")
    }

    /// "2 layers · 4 heads · d_model 64 · …" in the page's language.
    static func modelDescription(_ history: TrainingHistory, _ lang: ReportLanguage) -> String {
        let s = history.shape, n = NumberFormat.thousands
        switch lang {
        case .en:
            return ["\(s.layerCount) layers", "\(s.headCount) heads", "d_model \(s.embeddingWidth)", "vocabulary \(n(s.vocabularySize))",
                    "context \(n(s.contextLength))", "\(n(history.parameterCount)) parameters"].joined(separator: " · ")
        case .zh, .zhHant:
            return lang.chinese(["\(s.layerCount) 层", "每层 \(s.headCount) 个注意力头", "d_model \(s.embeddingWidth)", "词表 \(n(s.vocabularySize))",
                    "上下文 \(n(s.contextLength))", "共 \(n(history.parameterCount)) 个参数"].joined(separator: " · "))
        }
    }
}
