/// Mutations of a seed input: byte edits anywhere, and edits aimed at JSON (numbers replaced by
/// huge, negative, fractional or NaN-like literals; strings by odd ones; values by other types;
/// members dropped; the text cut short), as a hostile user or a corrupted download would make.
enum FuzzMutator {
    /// Numbers that break size arithmetic, integer conversion or float parsing.
    static let numbers: [String] = [
        "0", "-1", "1", "2", "3", "-0", "0.5", "1.5", "1e309", "-1e309", "1e-400", "2147483647", "2147483648",
        "4294967296", "4611686018427387904", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", "1e18", "123456789012345678901234567890",
        "NaN", "Infinity", "-Infinity", "nan", "1.0", "65536", "16777217", "1073741824", "7", "64", "01", "1e2",
    ]
    /// Values of other types, to put where a number, string or object was.
    static let values: [String] = [
        "null", "true", "false", "[]", "{}", "\"\"", "\"12\"", "[1,2]", "{\"a\":1}", "\"gelu\"", "\"llama\"",
        "\"gpt2\"", "\"F32\"", "\"BF16\"", "\"I64\"", "[9223372036854775807]", "[-1, 2]", "[0, 18446744073709551615]",
    ]
    /// Strings with escapes, invalid UTF-8 and lone surrogates, as raw bytes inside quotes.
    static let strings: [[UInt8]] = [
        Array("\"\"".utf8), Array("\"\\ud800\"".utf8), Array("\"\\u0000\"".utf8), Array("\"\\\"\"".utf8),
        [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
        [0x22, 0xE4, 0xB8, 0x22], [0x22, 0x80, 0x22], Array("\"Ġ\"".utf8), Array("\"<|endoftext|>\"".utf8),
        Array("\"\(String(repeating: "a", count: 300))\"".utf8), Array("\"é中😀\"".utf8),
    ]
    /// Bytes that end a structure, start one, or are not UTF-8.
    static let bytes: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x22, 0x2C, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x80, 0xC0, 0xED, 0xF4, 0xFF]

    /// `seed` with one to four mutations.
    static func mutate(_ seed: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        var data = seed
        for _ in 0 ... random.below(4) { data = mutateOnce(data, &random) }
        return data
    }

    static func mutateOnce(_ input: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        var data = input
        guard !data.isEmpty else { return [random.pick(bytes)] }
        switch random.below(10) {
        case 0, 1, 2:  // a number replaced
            if let span = randomSpan(of: numberSpans(data), &random) {
                data.replaceSubrange(span, with: Array(random.pick(numbers + values).utf8))
            }
        case 3:  // a string replaced
            if let span = randomSpan(of: stringSpans(data), &random) {
                data.replaceSubrange(span, with: random.pick(strings + values.map { Array($0.utf8) }))
            }
        case 4:  // a member or element dropped: from one comma to the next
            let commas = data.indices.filter { data[$0] == 0x2C }
            if commas.count >= 2 {
                let a = random.below(commas.count - 1)
                data.removeSubrange(commas[a] ..< commas[a + 1])
            }
        case 5:  // cut short
            data.removeSubrange(random.below(data.count)...)
        case 6:  // one byte changed
            let at = random.below(data.count)
            data[at] = random.chance(1, in: 2) ? random.pick(bytes) : data[at] ^ UInt8(1 << random.below(8))
        case 7:  // one byte inserted
            data.insert(random.pick(bytes), at: random.below(data.count + 1))
        case 8:  // a range deleted
            let start = random.below(data.count)
            data.removeSubrange(start ..< min(data.count, start + 1 + random.below(16)))
        default:  // a range repeated
            let start = random.below(data.count)
            let range = start ..< min(data.count, start + 1 + random.below(32))
            data.insert(contentsOf: data[range], at: random.below(data.count + 1))
        }
        return data
    }

    private static func randomSpan(of spans: [Range<Int>], _ random: inout FuzzRandom) -> Range<Int>? {
        spans.isEmpty ? nil : random.pick(spans)
    }

    /// Runs of `-+.0-9eE` that start with a digit or minus, outside strings (roughly: JSON numbers).
    static func numberSpans(_ data: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        var inString = false
        while i < data.count {
            let c = data[i]
            if inString {
                if c == 0x5C { i += 2; continue }
                if c == 0x22 { inString = false }
                i += 1
                continue
            }
            if c == 0x22 { inString = true; i += 1; continue }
            if c == 0x2D || (0x30 ... 0x39).contains(c) {
                let start = i
                while i < data.count, [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(data[i]) || (0x30 ... 0x39).contains(data[i]) { i += 1 }
                spans.append(start ..< i)
                continue
            }
            i += 1
        }
        return spans
    }

    /// Quoted strings, quotes included.
    static func stringSpans(_ data: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < data.count {
            guard data[i] == 0x22 else { i += 1; continue }
            let start = i
            i += 1
            while i < data.count, data[i] != 0x22 { i += data[i] == 0x5C ? 2 : 1 }
            guard i < data.count else { break }
            i += 1
            spans.append(start ..< i)
        }
        return spans
    }
}
