import CairoKit

/// The measured size of one line of text: advance width and the font's ascent and descent.
public struct TextSize: Sendable, Hashable {
    /// Advance width.
    public var width: Double
    /// Font ascent above the baseline.
    public var ascent: Double
    /// Font descent below the baseline.
    public var descent: Double
    /// Line height (ascent + descent).
    public var height: Double { ascent + descent }
}

/// Measures text with Cairo (metric hinting off) so layout is identical in PNG, SVG and PDF.
/// Results are cached; one measurer is used per figure render.
public final class TextMeasurer {
    private let context: Context
    private var cache: [Key: TextSize] = [:]
    private var current: (family: String, font: Font)?

    private struct Key: Hashable { let text: String; let font: Font }

    /// Creates a measurer backed by a 1×1 Cairo image surface.
    public init() throws {
        context = try CairoLock.run { try Context(surface: Surface.image(width: 1, height: 1)) }
        try context.disableMetricHinting()
    }

    /// The size of `text` set in `font`.
    public func measure(_ text: String, _ font: Font) -> TextSize {
        let key = Key(text: text, font: font)
        if let hit = cache[key] { return hit }
        return CairoLock.run { measureUncached(text, font, key) }
    }

    private func measureUncached(_ text: String, _ font: Font, _ key: Key) -> TextSize {
        select(font.family, font)
        let f = context.fontExtents()
        let size = TextSize(width: font.runs(text).reduce(0) { $0 + runWidth($1, font) },
                            ascent: f.ascent, descent: f.descent)
        cache[key] = size
        return size
    }

    /// The advance width of one run (its family, the font's size and style).
    func runWidth(_ run: TextRun, _ font: Font) -> Double {
        guard !run.text.isEmpty else { return 0 }
        return CairoLock.run {
            select(run.family, font)
            return context.textExtents(run.text).xAdvance
        }
    }

    private func select(_ family: String, _ font: Font) {
        if let current, current.family == family, current.font == font { return }
        context.selectFont(family: family, size: font.size, bold: font.bold, italic: font.italic)
        current = (family, font)
    }

    /// The widest of several texts.
    public func maxWidth(_ texts: [String], _ font: Font) -> Double {
        texts.map { measure($0, font).width }.max() ?? 0
    }

    /// Breaks `text` into lines that fit `width`: at spaces, or between any two characters of a
    /// word too wide for a line (Chinese has no spaces). Past `maxLines` the last line is cut with "…".
    public func wrap(_ text: String, _ font: Font, toWidth width: Double, maxLines: Int) -> [String] {
        if measure(text, font).width <= width || maxLines <= 1 { return [truncate(text, font, toWidth: width)] }
        var lines: [String] = [], line = ""
        // Pieces are words with their following space, or single characters of an overlong word.
        var pieces: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if measure(word, font).width <= width { pieces.append(word + " ") } else { pieces += word.map(String.init); pieces[pieces.count - 1] += " " }
        }
        pieces[pieces.count - 1].removeLast()
        for piece in pieces {
            let candidate = line + piece
            if line.isEmpty || measure(candidate.trimmingTrailingSpaces, font).width <= width {
                line = candidate
            } else {
                lines.append(line.trimmingTrailingSpaces)
                line = piece
            }
        }
        lines.append(line.trimmingTrailingSpaces)
        guard lines.count > maxLines else { return lines }
        let kept = Array(lines.prefix(maxLines - 1))
        return kept + [truncate(lines[(maxLines - 1)...].joined(separator: " "), font, toWidth: width)]
    }

    /// Cuts `text` to fit `width`, ending in "…" when shortened.
    public func truncate(_ text: String, _ font: Font, toWidth width: Double) -> String {
        if measure(text, font).width <= width { return text }
        var chars = Array(text)
        while !chars.isEmpty {
            chars.removeLast()
            let candidate = String(chars) + "…"
            if measure(candidate, font).width <= width { return candidate }
        }
        return ""
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
