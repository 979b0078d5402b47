import Charts
import Foundation
import Testing
@testable import Visualizations

/// One glossary, one translation per term per language, used the same way on every page and
/// in every figure.
@Suite("Glossary")
struct GlossaryTests {
    /// Whether `english` uses `term` as a word (or its plural).
    static func uses(_ english: String, _ term: String) -> Bool {
        let words = english.lowercased().split { !($0.isLetter || $0 == "-" || $0 == " ") }.joined(separator: " ")
        let padded = " " + words.replacingOccurrences(of: "-", with: " - ") + " "
        let plural = term.hasSuffix("y") ? String(term.dropLast()) + "ies" : term + "s"
        return padded.contains(" \(term) ") || padded.contains(" \(plural) ")
    }

    /// Core terms whose translation must appear wherever the English uses them.
    static let required = ["attention", "head", "layer", "token", "embedding", "residual stream", "logit lens",
                           "parameters", "prompt", "probability", "position", "query", "key", "heatmap"]

    @Test("each English term appears once, with one translation per script, and the converter writes that translation")
    func oneTranslationPerTerm() {
        let english = Glossary.terms.map(\.en)
        #expect(Set(english).count == english.count)
        for term in Glossary.terms {
            #expect(TraditionalChinese.convert(term.zh) == term.zhHant, "\(term.en)")
            #expect(!term.avoid.contains(term.zh) && !term.avoid.contains(term.zhHant), "\(term.en)")
        }
    }

    @Test("every figure phrase whose English uses a core term carries that term's translation")
    func figurePhrasesFollowTheGlossary() {
        let pairs = FigurePhrases.chinese.map { ($0.key, $0.value) } + FigurePhrases.chineseTemplates
        for (english, chinese) in pairs {
            for name in Self.required {
                guard let term = Glossary.term(name), Self.uses(english, name) else { continue }
                #expect(chinese.contains(term.zh), "“\(english)” → “\(chinese)” lacks \(term.zh) (\(name))")
                let hant = TraditionalChinese.convert(chinese)
                #expect(hant.contains(term.zhHant), "“\(english)” → “\(hant)” lacks \(term.zhHant) (\(name))")
            }
        }
    }

    @Test("no page or figure of a Chinese report uses another translation of a glossary term", arguments: [ReportLanguage.zh, .zhHant])
    func reportsUseOneTranslation(_ language: ReportLanguage) async throws {
        let analysis = try ReportFixture.analysis()
        let folder = ReportFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ReportWriter(analysis: analysis, options: ReportOptions(language: language)).write(to: folder)
        var texts = [try String(contentsOf: result.page, encoding: .utf8)]
        texts += try FigureTranslationTests.reportFigures().flatMap { $0.figure.localized(language).texts }
        let all = texts.joined(separator: "\n")
        for term in Glossary.terms {
            for variant in term.avoid {
                #expect(!all.contains(variant), "\(language.rawValue): “\(variant)” instead of “\(term[language])” (\(term.en))")
            }
        }
        // The other script's forms of the terms do not leak in (a Simplified 参数 on a Traditional page).
        for term in Glossary.terms where term.zh != term.zhHant {
            let other = language == .zh ? term.zhHant : term.zh
            #expect(!all.contains(other), "\(language.rawValue): “\(other)” (\(term.en)) is in the other script")
        }
    }
}
