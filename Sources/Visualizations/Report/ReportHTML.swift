import Charts
import Foundation

/// Writes a ``ReportPage`` as one self-contained HTML document: inline CSS, relative image
/// paths, no scripts, no network. Chapters follow teaching order, each figure under its heading
/// with its explanation, and the attention chapter opens with the caveat that attention weights
/// are not explanations.
public enum ReportHTML {
    /// The page as HTML text.
    public static func render(_ page: ReportPage) -> String {
        let lang = page.language
        let masthead = """
        <dl class="facts">
        <dt>\(escape(ReportPhrases.model[lang]))</dt><dd>\(escape(page.modelDescription))</dd>
        <dt>\(escape(ReportPhrases.prompt[lang]))</dt><dd class="prompt">\(escape(page.prompt))</dd>
        <dt>\(escape(ReportPhrases.tokens[lang]))</dt><dd>\(NumberFormat.thousands(page.tokenCount))</dd>
        \(nextToken(page))</dl>
        <p class="files">\(escape(ReportPhrases.dataFiles[lang])) \(tensorsLink(page))<a href="\(attribute(page.summaryFile))">\(escape(page.summaryFile))</a></p>

        """
        var html = documentStart(title: ReportPhrases.pageTitle[lang], name: page.modelName, masthead: masthead, lang)
        let sections = ReportSection.allCases.filter { section in page.figures.contains { $0.item.section == section } }
        html += tableOfContents(page, sections)
        html += "<main>\n"
        for (number, section) in sections.enumerated() {
            var body = section == .attention ? caveat(lang) : ""
            if section == .predictions, !page.predictions.isEmpty { body += predictionTable(page) }
            var group: LocalizedText?
            for figure in page.figures where figure.item.section == section {
                if let g = figure.item.group, g != group {
                    body += "<h3 class=\"group\" id=\"\(anchor(section, g))\">\(escape(g[lang]))</h3>\n"
                }
                group = figure.item.group
                body += self.figure(figure, lang)
            }
            html += chapter(id: section.rawValue, number: number + 1, title: section.title[lang],
                            introduction: section.introduction[lang], body: body)
        }
        if let facts = page.explainers { html += explainerBox(facts, lang) }
        return html + documentEnd(lang)
    }

    /// The page up to its contents: the document head with the shared style sheet, then the
    /// masthead `title: name` over `masthead` (the facts list and what follows it, as markup).
    static func documentStart(title: String, name: String, masthead: String, _ lang: ReportLanguage) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang.htmlCode)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="GPTScope">
        <title>\(escape(title)) · \(escape(name))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <header class="masthead">
        <p class="kicker">GPTScope</p>
        <h1>\(escape(title)): \(escape(name))</h1>
        \(masthead)</header>

        """
    }

    /// The box of numbers explainers often get wrong: each claim, then what the presets and the
    /// prompt say, every number computed by ``ExplainerFacts``.
    static func explainerBox(_ facts: ExplainerFacts, _ lang: ReportLanguage) -> String {
        var html = "<aside class=\"explainers\" id=\"explainers\" role=\"note\">\n"
            + "<h2>\(escape(ExplainerFacts.heading(lang)))</h2>\n<dl>\n"
        for item in facts.items(lang) {
            html += "<dt>\(escape(item.claim))</dt><dd>\(escape(item.fact))</dd>\n"
        }
        return html + "</dl>\n</aside>\n"
    }

    /// One numbered chapter: heading, opening paragraph, then `body` (markup: caveat, figures).
    static func chapter(id: String, number: Int, title: String, introduction: String, body: String) -> String {
        "<section id=\"\(attribute(id))\">\n<h2><span class=\"num\">\(number)</span>\(escape(title))</h2>\n"
            + "<p class=\"intro\">\(escape(introduction))</p>\n" + body + "</section>\n"
    }

    /// The end of the page after the last chapter: the footer.
    static func documentEnd(_ lang: ReportLanguage) -> String {
        """
        </main>
        <footer>\(escape(ReportPhrases.footer[lang]))</footer>
        </body>
        </html>

        """
    }

    private static func tableOfContents(_ page: ReportPage, _ sections: [ReportSection]) -> String {
        let lang = page.language
        var html = "<nav class=\"toc\" aria-label=\"\(attribute(ReportPhrases.contents[lang]))\">\n<h2>\(escape(ReportPhrases.contents[lang]))</h2>\n<ol>\n"
        for section in sections {
            html += "<li><a href=\"#\(section.rawValue)\">\(escape(section.title[lang]))</a>"
            let figures = page.figures.filter { $0.item.section == section }
            // Figures are listed one by one; groups (attention, layer by layer) share one line of links.
            var entries: [String] = []
            var groups: [String] = []
            var seen: [LocalizedText] = []
            for figure in figures {
                if let g = figure.item.group {
                    if !seen.contains(g) {
                        seen.append(g)
                        groups.append("<a href=\"#\(attribute(anchor(section, g)))\">\(escape(g[lang]))</a>")
                    }
                } else {
                    entries.append("<li><a href=\"#fig-\(attribute(figure.item.stem))\">\(escape(figure.item.title[lang]))</a></li>")
                }
            }
            if !groups.isEmpty { entries.append("<li class=\"groups\">" + groups.joined(separator: " · ") + "</li>") }
            if !entries.isEmpty { html += "\n<ol>" + entries.joined() + "</ol>" }
            html += "</li>\n"
        }
        if page.explainers != nil {
            html += "<li><a href=\"#explainers\">\(escape(ExplainerFacts.heading(lang)))</a></li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }

    /// One figure: heading, image, explanation, file links and the tensors it was drawn from
    /// (`hookSource` prefixes the hook list, e.g. the files that hold them).
    static func figure(_ figure: ReportPage.Figure, _ lang: ReportLanguage, hookSource: String = "") -> String {
        let title = figure.item.title[lang]
        var html = "<figure id=\"fig-\(attribute(figure.item.stem))\">\n<h4>\(escape(title))</h4>\n"
        if let image = figure.image {
            let width = Int(figure.width.rounded()), height = Int(figure.height.rounded())
            // Full column width, but never blown up past 1.5× the figure's own size.
            html += "<img src=\"\(attribute(image))\" width=\"\(width)\" height=\"\(height)\" "
                + "style=\"max-width:min(100%, \(width * 3 / 2)px)\" alt=\"\(attribute(title))\" loading=\"lazy\">\n"
        }
        html += "<figcaption><p>\(escape(figure.item.explanation[lang]))</p>"
        let links = figure.files.map { "<a href=\"\(attribute($0))\">\(escape(URL(fileURLWithPath: $0).pathExtension.uppercased()))</a>" }
        html += "<p class=\"files\">\(escape(ReportPhrases.download[lang])) \(links.joined(separator: " · "))"
        if !figure.item.hooks.isEmpty {
            let hooks = compactHooks(figure.item.hooks)
            html += " · \(escape(ReportPhrases.drawnFrom[lang])) <code>\(escape(hookSource + hooks))</code>"
        }
        return html + "</p></figcaption>\n</figure>\n"
    }

    /// The "attention weights are not explanations" box, with or without its references.
    static func caveat(_ lang: ReportLanguage, references: Bool = true) -> String {
        "<aside class=\"caveat\" role=\"note\"><p class=\"caveat-title\">\(escape(ReportPhrases.caveatTitle[lang]))</p>"
            + "<p>\(escape(ReportPhrases.caveat[lang]))</p>"
            + (references
                ? "<p class=\"refs\">Jain &amp; Wallace (2019), <cite>Attention is not Explanation</cite>, NAACL. "
                    + "Wiegreffe &amp; Pinter (2019), <cite>Attention is not not Explanation</cite>, EMNLP.</p>"
                : "")
            + "</aside>\n"
    }

    /// The tensors file's link and what it holds, then a separator; nothing when none was written.
    private static func tensorsLink(_ page: ReportPage) -> String {
        guard !page.tensorsFile.isEmpty else { return "" }
        let note = page.tensorsNote.map { " (\(escape($0[page.language])))" } ?? ""
        return "<a href=\"\(attribute(page.tensorsFile))\">\(escape(page.tensorsFile))</a>\(note) · "
    }

    private static func nextToken(_ page: ReportPage) -> String {
        guard let best = page.predictions.first else { return "" }
        return "<dt>\(escape(ReportPhrases.nextToken[page.language]))</dt><dd><code>\(escape(best.label))</code> "
            + "(\(NumberFormat.percent(best.probability)))</dd>\n"
    }

    private static func predictionTable(_ page: ReportPage) -> String {
        let lang = page.language
        var html = "<table class=\"predictions\">\n<thead><tr><th>#</th><th>\(escape(ReportPhrases.token[lang]))</th>"
            + "<th>id</th><th>\(escape(ReportPhrases.probability[lang]))</th></tr></thead>\n<tbody>\n"
        for p in page.predictions {
            let width = String(format: "%.0f", max(2, p.probability * 160))
            html += "<tr><td>\(p.rank)</td><td><code>\(escape(p.label))</code></td><td>\(p.id)</td>"
                + "<td><span class=\"bar\" style=\"width:\(width)px\"></span>\(escape(NumberFormat.percent(p.probability)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// `blocks.0.attn.hook_pattern … blocks.11.attn.hook_pattern` → `blocks.{0–11}.attn.hook_pattern`.
    static func compactHooks(_ hooks: [String]) -> String {
        var order: [String] = []
        var layers: [String: [Int]] = [:]
        for hook in hooks {
            let parts = hook.split(separator: ".", maxSplits: 2).map(String.init)
            if parts.count == 3, parts[0] == "blocks", let layer = Int(parts[1]) {
                let key = "blocks.{}." + parts[2]
                if layers[key] == nil { order.append(key) }
                layers[key, default: []].append(layer)
            } else {
                order.append(hook)
            }
        }
        return order.map { key in
            guard let list = layers[key] else { return key }
            let sorted = list.sorted()
            guard let low = sorted.first, let high = sorted.last else { return key }
            let span: String
            if sorted.count == 1 { span = "\(low)" }
            else if high - low + 1 == sorted.count { span = "{\(low)–\(high)}" }
            else { span = "{" + sorted.map(String.init).joined(separator: ",") + "}" }
            return key.replacingOccurrences(of: "{}", with: span)
        }.joined(separator: ", ")
    }

    private static func anchor(_ section: ReportSection, _ group: LocalizedText) -> String {
        section.rawValue + "-" + group.en.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    /// Text with `&`, `<`, `>` escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Text escaped for a double-quoted attribute.
    static func attribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
