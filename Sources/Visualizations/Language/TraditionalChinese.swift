/// Simplified → Traditional Chinese with Taiwan usage, for the `zh-Hant` page and figures.
///
/// Not a character-by-character mapping alone, which gets words wrong (后 is 後 in 后面 but 后
/// in 皇后; OpenCC's Taiwan table would even turn 参数 "parameters" into 引數 "arguments"): the
/// text is read left to right, taking at each point the longest entry of the phrase table — the
/// ``Glossary``'s Traditional terms first, then Taiwan usage such as 信息 → 資訊 — and falling
/// back to the one-character table only where no phrase matches.
public enum TraditionalChinese {
    /// `simplified` in Traditional characters with Taiwan usage. Text without Simplified
    /// characters (English, numbers, token strings already Traditional) comes back unchanged.
    public static func convert(_ simplified: String) -> String {
        let characters = Array(simplified)
        var out = ""
        out.reserveCapacity(simplified.utf8.count)
        var i = 0
        outer: while i < characters.count {
            // Longest phrase first, so 参数量 meets 参数 before 参 and 数 alone.
            var length = min(table.longestPhrase, characters.count - i)
            while length >= 2 {
                if let phrase = table.phrases[String(characters[i..<(i + length)])] {
                    out += phrase
                    i += length
                    continue outer
                }
                length -= 1
            }
            out.append(table.characters[characters[i]] ?? characters[i])
            i += 1
        }
        return out
    }

    /// The phrase and character tables, built once.
    private struct Tables: Sendable {
        var phrases: [String: String] = [:]
        var characters: [Character: Character] = [:]
        var longestPhrase = 1
    }

    private static let table: Tables = {
        var t = Tables()
        for chunk in characterPairs {
            var iterator = chunk.makeIterator()
            while let s = iterator.next(), let h = iterator.next() { t.characters[s] = h }
        }
        // Usage phrases first, then the glossary, so a glossary term always wins.
        for (s, h) in phrasePairs { t.phrases[s] = h }
        for term in Glossary.terms where term.zh != term.zhHant { t.phrases[term.zh] = term.zhHant }
        t.longestPhrase = t.phrases.keys.map(\.count).max() ?? 1
        return t
    }()
}
