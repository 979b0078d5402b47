import Tokenization

/// Token labels for chart axes (heatmap rows and columns, head-view columns), one per position.
///
/// Labels keep what `TokenLabel` makes visible and adapt it to short axis text:
///
/// | tokens                                  | labels              | why                                       |
/// |-----------------------------------------|---------------------|-------------------------------------------|
/// | `·the`                                  | `·the`              | a leading space stays visible             |
/// | `\n`, `.\n\n`                           | `⏎`, `.⏎⏎`          | a newline is one narrow symbol            |
/// | `<e5><8d>`, `<8e>` ("华" in two tokens) | `华`, `…`           | the token where a character starts shows  |
/// |                                         |                     | it; a token that only continues it, `…`   |
/// | `<8e><e4><b8>` then `<ad>`              | `…中`, `…`          | a token may end one character and start   |
/// |                                         |                     | the next                                  |
///
/// So Chinese text reads as characters along the axis while every token keeps its own row.
/// Invalid UTF-8 stays `<xx>`; emoji, which chart fonts cannot draw, become `U+1F600`.
/// With many positions each label starts with its position (`17 ·the`), so a thinned axis
/// still says where it is.
public enum TokenAxisLabels {
    /// Above this many positions, `labels` numbers them by default.
    public static let numberingThreshold = 40

    /// One label per position of `range` (all tokens when nil; clamped to the tokens).
    ///
    /// `numbered`: prefix each label with its position (`"17 ·the"`); nil numbers them when the
    /// range holds more than `numberingThreshold` positions.
    public static func labels(_ tokens: TokenizedText, range: Range<Int>? = nil, numbered: Bool? = nil) -> [String] {
        let r = (range ?? 0..<tokens.count).clamped(to: 0..<tokens.count)
        let all = characterLabels(tokens)
        let number = numbered ?? (r.count > numberingThreshold)
        return r.map { number ? "\($0) \(all[$0])" : all[$0] }
    }

    /// The position numbers of `range` as labels (`"0"`, `"1"`, …): for axes too dense for tokens.
    public static func positions(_ range: Range<Int>) -> [String] {
        range.map(String.init)
    }

    /// A label for every token of `tokens` (not numbered), as described on the type.
    public static func characterLabels(_ tokens: TokenizedText) -> [String] {
        var labels = [String](repeating: "", count: tokens.count)
        for group in tokens.groups {
            if !group.splitsCharacter {
                // The common case: the group is one token of whole characters.
                for t in group.tokens { labels[t] = tokens.isSpecial[t] ? tokens.labels[t] : axisText(tokens.labels[t], bytes: tokens.tokenBytes[t]) }
                continue
            }
            labels.replaceSubrange(group.tokens, with: splitGroupLabels(tokens, group: group))
        }
        return labels
    }

    /// Labels of the tokens of a group that splits characters: each character goes to the token
    /// holding its first byte; a token starting inside a character gets a leading `…`.
    static func splitGroupLabels(_ tokens: TokenizedText, group: TokenGroup) -> [String] {
        let first = group.tokens.lowerBound
        var bytes: [UInt8] = []
        var owner: [Int] = []  // for each byte of the group, its token's offset in the group
        for t in group.tokens {
            bytes += tokens.tokenBytes[t]
            owner += Array(repeating: t - first, count: tokens.tokenBytes[t].count)
        }
        var text = [String](repeating: "", count: group.tokens.count)
        var continues = [Bool](repeating: false, count: group.tokens.count)
        var i = 0
        while i < bytes.count {
            let length = scalarLength(bytes, at: i)
            let character = Array(bytes[i..<(i + length)])
            text[owner[i]] += length == 1 && bytes[i] >= 0x80
                ? TokenLabel.label(for: character)  // an invalid byte: `<xx>`
                : axisText(TokenLabel.label(for: character), bytes: character)
            for k in (i + 1)..<(i + length) where owner[k] != owner[k - 1] { continues[owner[k]] = true }
            i += length
        }
        return (0..<group.tokens.count).map { (continues[$0] ? "…" : "") + text[$0] }
    }

    /// `label` with newlines as `⏎` and emoji as code points (chart fonts have no emoji glyphs).
    static func axisText(_ label: String, bytes: [UInt8]) -> String {
        var out = label
        if bytes.contains(0x0A) { out = out.replacingOccurrences(of: "\\n", with: "⏎") }
        return DrawableText.escapingEmoji(out)
    }

    /// The length of the valid UTF-8 sequence at `index`, or 1 for an invalid byte.
    static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
        let b0 = bytes[index]
        let length: Int
        switch b0 {
        case 0x00..<0x80: return 1
        case 0xC2..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF5: length = 4
        default: return 1
        }
        guard index + length <= bytes.count else { return 1 }
        for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { return 1 }
        // Overlong and surrogate forms are rejected the way String decoding rejects them.
        if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { return 1 }
        return length
    }
}
