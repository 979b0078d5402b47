import Charts
import Foundation
import Tokenization
import Visualizations

/// `gptscope tokenize`'s text output: one row per token (id, text, bytes, hex, the character a
/// token splits) and the summary lines, for a whole text or a streamed one part by part.
enum TokenTable {
    /// The token table and the summary line.
    static func report(_ t: TokenizedText, tokenizer: Tokenizer) -> String {
        var out = ["Tokenizer: \(VocabularyName.describe(tokenizer))", ""]
        let showGroups = t.groups.contains { $0.splitsCharacter }
        var columns: [TextTable.Column] = [
            .init("#", alignment: .right), .init("id", alignment: .right), .init("token"),
            .init("bytes", alignment: .right), .init("hex"),
        ]
        if showGroups { columns.append(.init("character")) }
        var table = TextTable(columns: columns)
        for row in rows(t, showGroups: showGroups) { table.add(row) }
        if t.count > 0 { out.append(table.render()); out.append("") }
        out += summary(characters: t.characterCount, bytes: t.byteCount, tokens: t.count,
                       split: t.groups.filter(\.splitsCharacter).count)
        return out.joined(separator: "\n")
    }

    /// The table's rows for `t`, numbered from `first`.
    static func rows(_ t: TokenizedText, showGroups: Bool, first: Int = 0) -> [[String]] {
        (0..<t.count).map { i in
            var row = [String(first + i), String(t.ids[i]), t.labels[i], String(t.tokenBytes[i].count), hexBytes(t.tokenBytes[i])]
            if showGroups {
                let group = t.groups[t.groupIndex[i]]
                if group.splitsCharacter {
                    let part = i - group.tokens.lowerBound + 1
                    row.append("\(group.label)  (\(part)/\(group.tokens.count))")
                } else {
                    row.append("")
                }
            }
            return row
        }
    }

    /// The summary lines under the table.
    static func summary(characters: Int, bytes: Int, tokens: Int, split: Int) -> [String] {
        let perToken = tokens == 0 ? 0 : Double(bytes) / Double(tokens)
        var out = ["Characters: \(NumberFormat.thousands(characters))   Bytes: \(NumberFormat.thousands(bytes))"
                   + "   Tokens: \(NumberFormat.thousands(tokens))   Bytes per token: " + String(format: "%.2f", perToken)]
        if split > 0 {
            out.append("\(split) character\(split == 1 ? " is" : "s are") split across several byte-level tokens"
                       + " (<xx> is one byte in hex).")
        }
        return out
    }

    /// Bytes in hex, at most 8 shown.
    static func hexBytes(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        let shown = bytes.prefix(8).map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined(separator: " ")
        return bytes.count > 8 ? shown + " … (+\(bytes.count - 8))" : shown
    }
}
