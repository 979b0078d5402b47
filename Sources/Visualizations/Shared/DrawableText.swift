/// Text made safe for chart fonts, which have no emoji and no glyph for control characters:
/// what would draw as an empty box is written out instead.
enum DrawableText {
    /// `text` with emoji written as code points (`U+1F600`): a code point teaches more than a box.
    /// `⏎` (which marks newlines on axes) and the zero-width joiner stay as they are.
    static func escapingEmoji(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x2000 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if scalar != "⏎" && (p.isEmojiPresentation || (p.isEmoji && scalar.value >= 0x2000 && scalar.value != 0x200D)) {
                out += "U+" + String(scalar.value, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Which end of a long text a quotation keeps.
    enum End { case start, end }

    /// A prompt quoted for a title: newlines as `⏎`, tabs as `⇥`, other control characters as
    /// `<U+0007>`, emoji as code points, cut to `limit` characters with `…` at the end dropped
    /// (`keep: .start`) or at the start (`keep: .end`, for figures that show the prompt's end).
    static func quoted(_ text: String, limit: Int, keep: End = .start) -> String {
        var flat = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": flat += "⏎"
            case "\t": flat += "⇥"
            case "\r": continue
            default:
                if scalar.properties.generalCategory == .control {
                    flat += "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
                } else {
                    flat.unicodeScalars.append(scalar)
                }
            }
        }
        flat = escapingEmoji(flat)
        guard flat.count > limit else { return "“\(flat)”" }
        let room = max(1, limit - 1)
        return keep == .start ? "“\(flat.prefix(room))…”" : "“…\(flat.suffix(room))”"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
