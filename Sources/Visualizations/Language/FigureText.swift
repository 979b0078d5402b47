import Charts

/// The figures' words in every ``ReportLanguage``: one lookup, keyed by the English text that
/// figure code already writes, so figure code stays in English and never takes a language.
///
/// A figure is translated as a whole, after it is built and before it is drawn
/// (``Charts/Figure/localized(_:)``): each title, label, legend and footnote is looked up
///
/// 1. as a whole in ``FigurePhrases/chinese`` (exact English → Simplified Chinese);
/// 2. else against ``FigurePhrases/chineseTemplates``, English patterns with numbered holes
///    (`"Layer {0} · head {1}"` → `"第 {0} 层 · 第 {1} 个头"`); what fills a hole is itself looked
///    up, so a hole may hold a phrase, a number or a token (tokens come back unchanged);
/// 3. else split at line breaks, then at " · ", and each part looked up on its own.
///
/// What matches nothing stays as it is: token strings, model names, numbers. Traditional
/// Chinese is the Simplified entry converted by ``TraditionalChinese`` (template text only,
/// never the tokens in its holes), whose phrase table carries the ``Glossary``.
///
/// To add a string: write it in English in the figure code as usual, then add one line to
/// `FigurePhrases+Chinese.swift` (a template if it contains numbers or tokens). The coverage
/// test lists every English text a Chinese report still shows.
public enum FigureText {
    /// `english` in `language`.
    public static func translate(_ english: String, to language: ReportLanguage) -> String {
        switch language {
        case .en: return english
        case .zh: return lookup(english) { $0 } ?? english
        case .zhHant: return lookup(english, TraditionalChinese.convert) ?? english
        }
    }

    /// Whether `english` has a translation (as a whole, by template or part by part).
    public static func isTranslated(_ english: String) -> Bool {
        lookup(english) { $0 } != nil
    }

    /// The translation in the script `script` writes, or nil when nothing matched.
    private static func lookup(_ english: String, _ script: (String) -> String) -> String? {
        if english.isEmpty { return nil }
        if let exact = FigurePhrases.chinese[english] { return script(exact) }
        for template in templates {
            if let holes = template.match(english) {
                var out = script(template.chinese)
                for (i, hole) in holes.enumerated() {
                    let filled = lookup(hole, script) ?? hole
                    out = out.replacingOccurrences(of: "{\(i)}", with: filled)
                }
                return out
            }
        }
        for separator in ["\n", " · ", "; "] where english.contains(separator) {
            let parts = english.components(separatedBy: separator)
            let translated = parts.map { lookup($0, script) }
            guard translated.contains(where: { $0 != nil }) else { continue }
            return zip(parts, translated).map { $1 ?? $0 }.joined(separator: separator == "; " ? "；" : separator)
        }
        return nil
    }

    private static let templates: [Template] = FigurePhrases.chineseTemplates.map { Template(english: $0.0, chinese: $0.1) }

    /// An English pattern with holes `{0}`, `{1}`, … and its Chinese, which may order them differently.
    struct Template: Sendable {
        /// The fixed text between holes, in order; holes sit between consecutive pieces.
        let pieces: [String]
        /// Hole numbers in the order they appear in the English.
        let order: [Int]
        let chinese: String

        /// Holes written `{#k}` take only a number ("12", "50,257", "0.28", "22.4%").
        let numeric: [Bool]

        init(english: String, chinese: String) {
            var pieces: [String] = [], order: [Int] = [], numeric: [Bool] = []
            var rest = Substring(english)
            while let open = rest.range(of: "{"), let close = rest[open.upperBound...].firstIndex(of: "}") {
                var inside = rest[open.upperBound..<close]
                let isNumber = inside.hasPrefix("#")
                if isNumber { inside = inside.dropFirst() }
                guard let n = Int(inside) else { break }
                pieces.append(String(rest[..<open.lowerBound]))
                order.append(n)
                numeric.append(isNumber)
                rest = rest[rest.index(after: close)...]
            }
            pieces.append(String(rest))
            self.pieces = pieces
            self.order = order
            self.numeric = numeric
            self.chinese = chinese.replacingOccurrences(of: "{#", with: "{")
        }

        /// The text in each hole, by hole number, or nil when `text` does not fit the pattern.
        /// Holes are filled shortest first, and none may be empty.
        func match(_ text: String) -> [String]? {
            guard !order.isEmpty, text.hasPrefix(pieces[0]), text.hasSuffix(pieces[pieces.count - 1]),
                  text.count > pieces.map(\.count).reduce(0, +) else { return nil }
            var holes = [String](repeating: "", count: order.count)
            var rest = text.dropFirst(pieces[0].count)
            for k in 0..<order.count {
                let next = pieces[k + 1]
                let hole: Substring
                if k == order.count - 1 {
                    guard rest.count > next.count else { return nil }
                    hole = rest.dropLast(next.count)
                    rest = rest.suffix(0)
                } else {
                    // The next piece's first occurrence after at least one character of hole.
                    guard !rest.isEmpty, let r = rest.dropFirst().range(of: next) else { return nil }
                    hole = rest[..<r.lowerBound]
                    rest = rest[r.upperBound...]
                }
                // A hole never spans lines: each line of a subtitle is looked up on its own.
                guard order[k] < holes.count, !hole.contains("\n") else { return nil }
                if numeric[k] && !Self.isNumber(hole) { return nil }
                holes[order[k]] = String(hole)
            }
            return holes
        }

        static func isNumber(_ s: Substring) -> Bool {
            !s.isEmpty && s.first?.isNumber == true && s.allSatisfy { $0.isNumber || ",.%e+−-".contains($0) }
        }
    }
}

extension Figure {
    /// The figure with its words in `language` (see ``FigureText``); English returns it unchanged.
    public func localized(_ language: ReportLanguage) -> Figure {
        language == .en ? self : mappingText { FigureText.translate($0, to: language) }
    }
}

extension BandCategories {
    /// Band names are words (stage names).
    func mappingText(_ transform: (String) -> String) -> any Artist {
        BandCategories(categories: categories.map(transform))
    }
}
