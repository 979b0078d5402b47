import FileAccess
import Testing

/// Strict UTF-8 validation against hand-worked cases from the Unicode standard's table 3-7 of
/// well-formed byte sequences, and against the standard library's own validator.
@Suite struct InvalidUTF8Tests {
    /// Bytes, and where the first ill-formed sequence starts (nil: valid).
    static let cases: [(name: String, bytes: [UInt8], offset: Int?)] = [
        ("ASCII", Array("And God said".utf8), nil),
        ("two-, three- and four-byte", Array("é中😀".utf8), nil),
        ("byte order mark and NUL", [0xEF, 0xBB, 0xBF, 0x61, 0x00, 0x62], nil),
        ("largest scalar U+10FFFF", [0xF4, 0x8F, 0xBF, 0xBF], nil),
        ("Latin-1 é before ASCII", [0x63, 0x61, 0x66, 0xE9, 0x21], 3),
        ("lone continuation byte", [0x61, 0x80], 1),
        ("overlong NUL C0 80", [0xC0, 0x80], 0),
        ("overlong C1 BF", [0x61, 0x62, 0xC1, 0xBF], 2),
        ("overlong three-byte E0 80 80", [0xE0, 0x80, 0x80], 0),
        ("overlong four-byte F0 80 80 80", [0xF0, 0x80, 0x80, 0x80], 0),
        ("surrogate U+D800 as ED A0 80", [0x61, 0xED, 0xA0, 0x80], 1),
        ("above U+10FFFF: F4 90 80 80", [0xF4, 0x90, 0x80, 0x80], 0),
        ("F5 never leads", [0xF5, 0x80, 0x80, 0x80], 0),
        ("FF never occurs", [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xFF], 8),
        ("truncated at the end", [0x61, 0xE4, 0xB8], 1),
        ("bad third byte", [0xE4, 0xB8, 0x41], 0),
    ]

    @Test func handWorkedCases() {
        for c in Self.cases {
            #expect(InvalidUTF8.find(in: c.bytes)?.offset == c.offset, "\(c.name)")
            #expect((String(validating: c.bytes, as: UTF8.self) == nil) == (c.offset != nil), "\(c.name)")
        }
    }

    @Test func lineAndDescriptionNameTheByte() throws {
        // "ok\ncafé!" with é in Latin-1: line 2, offset 6.
        let problem = try #require(InvalidUTF8.find(in: Array("ok\ncaf".utf8) + [0xE9, 0x21]))
        #expect(problem == InvalidUTF8(line: 2, offset: 6, byte: 0xE9))
        #expect(problem.description == "line 2, byte offset 6: 0xe9")
        // A CRLF file counts lines the same way.
        #expect(InvalidUTF8.find(in: Array("a\r\nb\r\n".utf8) + [0xFF])?.line == 3)
    }

    /// Every two-byte and many three- and four-byte sequences agree with the standard library.
    @Test func agreesWithTheStandardLibrary() {
        func agrees(_ bytes: [UInt8]) -> Bool {
            (InvalidUTF8.find(in: bytes) == nil) == (String(validating: bytes, as: UTF8.self) != nil)
        }
        var disagreements: [[UInt8]] = []
        for first in 0 ... 255 {
            for second in 0 ... 255 where !agrees([0x41, UInt8(first), UInt8(second)]) {
                disagreements.append([0x41, UInt8(first), UInt8(second)])
            }
        }
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0 ..< 20_000 {
            let bytes = (0 ..< Int.random(in: 1 ... 12, using: &generator)).map { _ in
                interesting[Int.random(in: 0 ..< interesting.count, using: &generator)]
            }
            if !agrees(bytes) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
