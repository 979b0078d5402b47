import FileAccess

/// Reader for tiktoken's rank files: one `<base64 of the token's bytes> <rank>` per line (LF or
/// CRLF line endings, ``TextLines``).
enum TiktokenFile {
    /// One token of a rank file.
    struct Entry {
        var bytes: [UInt8]
        var rank: Int
        var line: Int
    }

    /// Parses a whole rank file; `name` is used in error messages.
    static func parse(_ data: UnsafeBufferPointer<UInt8>, name: String) throws(TokenizerError) -> [Entry] {
        // Base64 and digits are ASCII; a stray byte is named by its line and offset, not shown as U+FFFD.
        if let problem = InvalidUTF8.find(in: data) { throw .notUTF8(file: name, problem) }
        var entries: [Entry] = []
        entries.reserveCapacity(data.count / 16)
        for text in TextLines(data) where !text.bytes.isEmpty {  // blank lines, e.g. a final newline
            let lineNumber = text.number
            let line = text.bytes
            guard let space = line.firstIndex(of: 0x20) else {
                throw .malformedLine(file: name, line: lineNumber,
                                     problem: "expected '<base64 token> <rank>', found no space")
            }
            guard let bytes = decodeBase64(UnsafeBufferPointer(rebasing: line[..<space])) else {
                throw .malformedLine(file: name, line: lineNumber,
                                     problem: "'\(String(decoding: line[..<space], as: UTF8.self))' is not valid base64")
            }
            guard let rank = parseRank(UnsafeBufferPointer(rebasing: line[(space + 1)...])) else {
                throw .malformedLine(file: name, line: lineNumber,
                                     problem: "rank '\(String(decoding: line[(space + 1)...], as: UTF8.self))' is not a non-negative integer")
            }
            entries.append(Entry(bytes: bytes, rank: rank, line: lineNumber))
        }
        return entries
    }

    private static func parseRank(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty, text.count <= 9 else { return nil }
        var value = 0
        for c in text {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// Standard base64 with `=` padding; nil on any other character or a bad length.
    static func decodeBase64(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !text.isEmpty, text.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var i = 0
        while i < text.count {
            var quad: UInt32 = 0
            var padding = 0
            for k in 0..<4 {
                let c = text[i + k]
                let v: UInt32
                switch c {
                case 0x41...0x5A: v = UInt32(c - 0x41)
                case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
                case 0x30...0x39: v = UInt32(c - 0x30 + 52)
                case 0x2B: v = 62
                case 0x2F: v = 63
                case 0x3D:
                    // Padding only at the end of the last quad.
                    guard i + 4 == text.count, k >= 2 else { return nil }
                    padding += 1
                    v = 0
                default: return nil
                }
                if padding > 0 && c != 0x3D { return nil }
                quad = quad << 6 | v
            }
            out.append(UInt8(quad >> 16 & 0xFF))
            if padding < 2 { out.append(UInt8(quad >> 8 & 0xFF)) }
            if padding < 1 { out.append(UInt8(quad & 0xFF)) }
            i += 4
        }
        return out
    }
}
