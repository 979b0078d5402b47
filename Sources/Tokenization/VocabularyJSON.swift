import FileAccess

/// A strict reader for Hugging Face `vocab.json`: one JSON object mapping token text to id.
///
/// A dedicated reader (instead of `JSONSerialization`) reports the line of any mistake and
/// keeps the order of the file.
struct VocabularyJSON {
    /// One `"token": id` member.
    struct Entry {
        var token: String
        var id: Int
        var line: Int
    }

    private let data: UnsafeBufferPointer<UInt8>
    private let name: String
    private var index = 0
    private var line = 1

    /// Parses the whole file; `name` is used in error messages.
    static func parse(_ data: UnsafeBufferPointer<UInt8>, name: String) throws(TokenizerError) -> [Entry] {
        if let problem = InvalidUTF8.find(in: data) { throw .notUTF8(file: name, problem) }
        var reader = VocabularyJSON(data: data, name: name)
        return try reader.parseObject()
    }

    private init(data: UnsafeBufferPointer<UInt8>, name: String) {
        self.data = data
        self.name = name
        // Skip a UTF-8 byte order mark.
        if data.count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF { index = 3 }
    }

    private func fail(_ problem: String) -> TokenizerError {
        .malformedLine(file: name, line: line, problem: problem)
    }

    private mutating func skipWhitespace() {
        while index < data.count {
            switch data[index] {
            case 0x0A: line += 1; index += 1
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(TokenizerError) {
        skipWhitespace()
        guard index < data.count else { throw fail("unexpected end of file, expected \(what)") }
        guard data[index] == byte else {
            throw fail("expected \(what), found '\(String(decoding: [data[index]], as: UTF8.self))'")
        }
        index += 1
    }

    private mutating func parseObject() throws(TokenizerError) -> [Entry] {
        try expect(0x7B, "'{' (vocab.json must be an object of \"token\": id pairs)")
        var entries: [Entry] = []
        entries.reserveCapacity(data.count / 12)
        skipWhitespace()
        if index < data.count && data[index] == 0x7D {
            index += 1
        } else {
            while true {
                skipWhitespace()
                let memberLine = line
                let token = try parseString()
                try expect(0x3A, "':' after a token")
                skipWhitespace()
                let id = try parseInteger()
                entries.append(Entry(token: token, id: id, line: memberLine))
                skipWhitespace()
                guard index < data.count else { throw fail("unexpected end of file, expected ',' or '}'") }
                if data[index] == 0x2C { index += 1; continue }
                if data[index] == 0x7D { index += 1; break }
                throw fail("expected ',' or '}' after an id")
            }
        }
        skipWhitespace()
        guard index == data.count else { throw fail("unexpected text after the closing '}'") }
        return entries
    }

    private mutating func parseInteger() throws(TokenizerError) -> Int {
        let start = index
        var value = 0
        while index < data.count, data[index] >= 0x30, data[index] <= 0x39, index - start < 10 {
            value = value * 10 + Int(data[index] - 0x30)
            index += 1
        }
        guard index > start else { throw fail("expected a non-negative integer token id") }
        if index < data.count, data[index] == 0x2E || data[index] == 0x65 || data[index] == 0x45
            || (data[index] >= 0x30 && data[index] <= 0x39) {
            throw fail("token ids must be integers below 10^10")
        }
        return value
    }

    private mutating func parseString() throws(TokenizerError) -> String {
        guard index < data.count, data[index] == 0x22 else { throw fail("expected a quoted token") }
        index += 1
        var bytes: [UInt8] = []
        while true {
            guard index < data.count else { throw fail("unterminated string") }
            let c = data[index]
            index += 1
            switch c {
            case 0x22:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw fail("token is not valid UTF-8")
                }
                return text
            case 0x5C:
                guard index < data.count else { throw fail("unterminated escape") }
                let e = data[index]
                index += 1
                switch e {
                case 0x22, 0x5C, 0x2F: bytes.append(e)
                case 0x62: bytes.append(0x08)
                case 0x66: bytes.append(0x0C)
                case 0x6E: bytes.append(0x0A)
                case 0x72: bytes.append(0x0D)
                case 0x74: bytes.append(0x09)
                case 0x75:
                    var code = try parseHex4()
                    if code >= 0xD800 && code < 0xDC00 {
                        // A surrogate pair: the low half must follow as another \u escape.
                        guard index + 1 < data.count, data[index] == 0x5C, data[index + 1] == 0x75 else {
                            throw fail("lone UTF-16 surrogate \\u\(String(code, radix: 16))")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw fail("invalid UTF-16 surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw fail("lone UTF-16 surrogate \\u\(String(code, radix: 16))")
                    }
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                default:
                    throw fail("unknown escape '\\\(String(decoding: [e], as: UTF8.self))'")
                }
            case 0x0A:
                throw fail("line break inside a string")
            default:
                bytes.append(c)
            }
        }
    }

    private mutating func parseHex4() throws(TokenizerError) -> UInt32 {
        guard index + 4 <= data.count else { throw fail("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = data[index]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw fail("bad hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
