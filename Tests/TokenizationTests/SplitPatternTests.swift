import Testing
@testable import Tokenization

/// The regex subset that tokenizer.json `Split` patterns need, against Python's `regex` module
/// (the GPT-2 corpus pieces of Tests/Scripts/tokenizer_corpus.py, and the cases below, worked
/// out with `regex.findall`).
@Suite struct SplitPatternTests {
    static let llama3 = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    func pieces(_ pattern: SplitPattern, _ text: String) -> [String] {
        let scalars = text.unicodeScalars.map(\.value)
        return pattern.matches(in: scalars).map { range in
            String(String.UnicodeScalarView(scalars[range].compactMap(Unicode.Scalar.init)))
        }
    }

    @Test func gpt2PatternGivesTheCorpusPieces() {
        var checked = 0
        for item in Fixtures.cases {
            guard let expected = item.pieces else { continue }
            #expect(pieces(SplitPattern.gpt2, item.text) == expected, "\(item.name)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func llama3Pattern() throws {
        let pattern = try SplitPattern(regex: Self.llama3)
        #expect(pieces(pattern, "I'LL pay 12345 now!!\n\n  x")
            == ["I", "'LL", " pay", " ", "123", "45", " now", "!!\n\n", " ", " x"])
        // Case-insensitive contractions fold the long s as Oniguruma and `regex` do.
        #expect(pieces(pattern, "\u{17F}'\u{17F}") == ["\u{17F}", "'\u{17F}"])
        #expect(pieces(pattern, "'Ss") == ["'S", "s"])
    }

    @Test func lazyQuantifiersClassesAndRanges() throws {
        let pattern = try SplitPattern(regex: #"a+?b|[x-z]{2,}|\d"#)
        #expect(pieces(pattern, "aab xyzzy 7 ab") == ["aab", "xyzzy", "7", "ab"])
    }

    @Test(arguments: [
        (#"(?<=a)b"#, "(?<="), (#"\p{L}++"#, "possessive"), (#"^\s+"#, "anchor"),
        (#"(a)\1"#, "\\1"), (#"[[:alpha:]]"#, "nested class"), (#"\p{Klingon}"#, "Klingon"),
    ])
    func unsupportedConstructsAreNamed(pattern: String, construct: String) {
        #expect {
            _ = try SplitPattern(regex: pattern)
        } throws: { error in
            (error as? SplitPattern.Unsupported)?.construct.contains(construct) == true
        }
    }

    @Test func longRunsDoNotRecurse() {
        // A letter run far longer than any stack could recurse over, and a long whitespace run.
        let text = String(repeating: "a", count: 200_000) + String(repeating: " ", count: 100_000) + "b"
        let scalars = text.unicodeScalars.map(\.value)
        #expect(SplitPattern.gpt2.matches(in: scalars) == [0..<200_000, 200_000..<299_999, 299_999..<300_001])
    }
}
