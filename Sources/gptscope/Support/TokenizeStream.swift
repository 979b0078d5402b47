import Charts
import FileAccess
import Foundation
import Tokenization
import Visualizations

/// `gptscope tokenize` for input longer than one chunk: reads, tokenizes and writes it chunk by
/// chunk, so memory stays bounded however long the input is (10 MB of text used to take 3.7 GB
/// as one table in memory).
///
/// Chunks are cut only where ``Tokenizer/streamingCut(in:allowedSpecial:)`` proves the tokens
/// cannot change, so the ids are exactly those of the whole text. The table is written as it
/// goes (its columns sized for the input rather than for its widest cell, and the character
/// column always shown); the JSON document keeps only the ids (4 bytes per token) and writes
/// each array from them, with the same fields and key order as for short input.
struct TokenizeStream {
    /// Input shorter than this is tokenized whole, as before.
    static let chunkBytes = 1 << 20
    /// Bytes tokenized at a time past that (a part's tokens, labels and groups take about a
    /// hundred times its size while it is written).
    static let partBytes = 1 << 18

    let command: TokenizeCommand
    let tokenizer: Tokenizer
    let allowed: Set<String>

    /// Totals over the chunks so far.
    private struct Totals {
        var bytes = 0, characters = 0, tokens = 0, split = 0, lines = 0
    }

    /// Reads up to `count` bytes, fewer only at the end of the input.
    static func read(_ handle: FileHandle, upTo count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            guard let data = try handle.read(upToCount: count - out.count), !data.isEmpty else { break }
            out += data
        }
        return out
    }

    /// Tokenizes `first` and the rest of `reader` and writes the table or JSON.
    func run(_ reader: FileHandle, first: [UInt8]) throws {
        let name = command.file ?? "-"
        // A regular file is checked whole before the table starts, so bad UTF-8 near its end
        // leaves no half-written table. A stream (standard input, a named pipe, `<(command)`) can
        // only be checked as it goes: opening it a second time would consume what `reader` has
        // still to read. Its table then ends in a row that says it stopped (JSON is written only
        // at the end, so it is never partial).
        if !command.bytes, name != "-", (try? FileAccess.requireRegularFile(atPath: name)) != nil,
           let check = FileHandle(forReadingAtPath: name) {
            try Self.checkUTF8(check, name: name)
        }
        Console.note("Tokenizing \(name == "-" ? "standard input" : name) in chunks of \(NumberFormat.thousands(Self.chunkBytes)) bytes…")
        var totals = Totals()
        var ids: [Int32] = []      // JSON only
        var chunkSizes: [Int] = [] // JSON only: tokens per chunk
        var chartTokens: TokenizedText?
        let widths = tableWidths()
        if !command.json { print(header(widths), terminator: "") }

        var buffer = first
        var ended = false
        var stuck = false  // no safe cut in what has been read: read more whatever the buffer holds
        while !(ended && buffer.isEmpty) {
            if !ended && (stuck || buffer.count < 2 * Self.partBytes) {
                let more = try Self.read(reader, upTo: Self.chunkBytes)
                ended = more.count < Self.chunkBytes
                buffer += more
            }
            // Cut where tokens cannot change, within the first part's worth of bytes (or, if
            // there is no such place, such as in a long run of spaces, anywhere read so far);
            // at the end of the input what is left is the last part.
            let safe = tokenizer.streamingCut(in: buffer, length: Self.partBytes, allowedSpecial: allowed)
                ?? tokenizer.streamingCut(in: buffer, allowedSpecial: allowed)
            stuck = safe == nil
            guard let cut = ended && (safe == nil || buffer.count <= Self.partBytes) ? buffer.count : safe else { continue }
            let part = Array(buffer[..<cut])
            buffer.removeFirst(cut)
            let tokens: TokenizedText
            do {
                tokens = try tokenize(part, totals: totals, name: name)
            } catch let error as TokenizeCommand.InputError {
                // A stream is checked as it is read, so rows are out already: the table ends with
                // a row saying it stops short (the error goes to standard error, the exit is 1).
                if !command.json { print("  ✗ stopped: the input is not valid UTF-8 from here; the rows above are incomplete") }
                throw error
            }
            if command.chart != nil, chartTokens == nil { chartTokens = tokens }
            if command.json {
                ids += tokens.ids.map { Int32($0) }
                chunkSizes.append(tokens.count)
            } else {
                print(rows(tokens, first: totals.tokens, widths: widths), terminator: "")
            }
            totals.bytes += tokens.byteCount
            totals.characters += tokens.characterCount
            totals.tokens += tokens.count
            totals.split += tokens.groups.filter(\.splitsCharacter).count
            totals.lines += part.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        if let chart = command.chart, let chartTokens {
            let url = URL(fileURLWithPath: chart)
            let chips = TokenChips(tokens: chartTokens, tokenizer: tokenizer)
            try chips.figure().localized(command.language.language).write(to: url)
            Console.note("Wrote \(url.path) (the first \(NumberFormat.thousands(min(chips.maximumTokens, chartTokens.count))) of \(NumberFormat.thousands(totals.tokens)) tokens)")
        }
        if command.json {
            try writeJSON(ids: ids, chunkSizes: chunkSizes, totals: totals)
        } else {
            print("\n" + TokenTable.summary(characters: totals.characters, bytes: totals.bytes, tokens: totals.tokens,
                                                  split: totals.split).joined(separator: "\n"))
        }
    }

    /// One part's tokens, after checking it is UTF-8 (unless --bytes); errors give the offset
    /// and line in the whole input.
    private func tokenize(_ part: [UInt8], totals: Totals, name: String) throws -> TokenizedText {
        if !command.bytes, let problem = InvalidUTF8.find(in: part) {
            throw TokenizeCommand.InputError.notUTF8(name: name, problem: InvalidUTF8(
                line: totals.lines + problem.line, offset: totals.bytes + problem.offset, byte: problem.byte))
        }
        return tokenizer.tokenize(bytes: part, allowedSpecial: allowed)
    }

    /// Throws at the first byte of `handle` that is not part of valid UTF-8, reading a chunk
    /// at a time (a character cut by a chunk's end waits for the next chunk).
    static func checkUTF8(_ handle: FileHandle, name: String) throws {
        var (carry, consumed, lines) = ([UInt8](), 0, 0)
        while true {
            let chunk = try read(handle, upTo: chunkBytes)
            let ended = chunk.count < chunkBytes
            let data = carry + chunk
            carry = []
            if let problem = InvalidUTF8.find(in: data) {
                // A character cut by the chunk's end waits for the next chunk.
                if !ended && data.count - problem.offset < 4 {
                    carry = Array(data[problem.offset...])
                } else {
                    throw TokenizeCommand.InputError.notUTF8(name: name, problem: InvalidUTF8(
                        line: lines + problem.line, offset: consumed + problem.offset, byte: problem.byte))
                }
            }
            let checked = data.count - carry.count
            lines += data[..<checked].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            consumed += checked
            if ended { return }
        }
    }

    // MARK: Table

    /// Column widths: the index as wide as the input's byte count (there are no more tokens
    /// than bytes), ids as wide as the vocabulary, a 16-column token label, 8 bytes of hex.
    private func tableWidths() -> [Int] {
        var size = Self.chunkBytes * 1000
        if let file = command.file, file != "-",
           let bytes = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber {
            size = max(bytes.intValue, 1)
        }
        return [String(size).count, String(max(tokenizer.vocabularySize - 1, 0)).count, 16, 5, 23, 0]
    }

    private func header(_ widths: [Int]) -> String {
        let titles = ["#", "id", "token", "bytes", "hex", "character"]
        let line = format(titles, widths)
        let rule = "  " + String(repeating: "─", count: widths.dropLast().reduce(0, +) + 2 * (widths.count - 1) + "character".count)
        return "Tokenizer: \(VocabularyName.describe(tokenizer))\n\n\(line)\n\(rule)\n"
    }

    private func rows(_ tokens: TokenizedText, first: Int, widths: [Int]) -> String {
        var out = ""
        for row in TokenTable.rows(tokens, showGroups: true, first: first) { out += format(row, widths) + "\n" }
        return out
    }

    /// A table line: # id and bytes right-aligned, the rest left-aligned, two spaces apart.
    private func format(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (i, cell) in cells.enumerated() {
            let fill = String(repeating: " ", count: max(0, widths[i] - TextTable.displayWidth(cell)))
            parts.append([0, 1, 3].contains(i) ? fill + cell : cell + fill)
        }
        var line = "  " + parts.joined(separator: "  ")
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    // MARK: JSON

    /// The document of ``TokenizeCommand/json(_:tokenizer:)``, keys in the same sorted order,
    /// each array written part by part from the ids.
    private func writeJSON(ids: [Int32], chunkSizes: [Int], totals: Totals) throws {
        if totals.tokens > 200_000 { Console.note("Formatting \(NumberFormat.thousands(totals.tokens)) tokens…") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func encoded<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        // Each chunk's tokens described again from its ids (labels and groups need neighbours).
        var starts: [Int] = [0]
        for size in chunkSizes { starts.append(starts[starts.count - 1] + size) }
        func array(_ element: (TokenizedText, Int) throws -> String) throws {
            var first = true
            print("[", terminator: "")
            for c in chunkSizes.indices where chunkSizes[c] > 0 {
                let part = try tokenizer.describe(ids[starts[c]..<starts[c + 1]].map(Int.init))
                let text = try element(part, starts[c])
                print((first ? "" : ",") + text.dropFirst().dropLast(), terminator: "")
                first = false
            }
            print("]", terminator: "")
        }
        struct Group: Encodable {
            var tokens: [Int]
            var text: String
            var label: String
        }
        let perToken = totals.tokens == 0 ? 0 : Double(totals.bytes) / Double(totals.tokens)
        print("{\"byteCount\":\(totals.bytes),\"bytes\":", terminator: "")
        try array { part, _ in try encoded(part.tokenBytes) }
        print(",\"bytesPerToken\":\(try encoded((perToken * 1000).rounded() / 1000)),\"characters\":\(totals.characters),\"groups\":", terminator: "")
        try array { part, start in
            try encoded(part.groups.map { Group(tokens: [start + $0.tokens.lowerBound, start + $0.tokens.upperBound], text: $0.text, label: $0.label) })
        }
        print(",\"ids\":", terminator: "")
        try array { part, _ in try encoded(part.ids) }
        print(",\"labels\":", terminator: "")
        try array { part, _ in try encoded(part.labels) }
        print(",\"tokenCount\":\(totals.tokens),\"tokenizer\":\(try encoded(tokenizer.name)),\"tokens\":", terminator: "")
        try array { part, _ in try encoded(part.ids.map { tokenizer.alphabetText(forToken: $0) ?? "" }) }
        print("}")
    }
}
