import Foundation
import Testing
@testable import Tokenization

/// Inputs that stress the tokenizer.json path: canonically equivalent tokens, long pieces,
/// invalid UTF-8, empty text.
@Suite struct TokenizerJSONRobustnessTests {
    @Test func canonicallyEquivalentTokensStayDistinct() throws {
        // "é" (U+00E9) and "e" + U+0301 are different tokens; a String-keyed dictionary would
        // merge them. Worked by hand: each text is exactly one vocabulary entry.
        let json = #"{"model": {"type": "BPE", "unk_token": "<unk>", "vocab": {"<unk>": 0, "e": 1, "\u0301": 2, "\u00e9": 3, "e\u0301": 4}, "merges": [["e", "\u0301"]]}}"#
        let tokenizer = try Tokenizer(tokenizerJSON: Array(json.utf8))
        #expect(tokenizer.encode("\u{E9}") == [3])
        #expect(tokenizer.encode("e\u{301}") == [4])
        #expect(tokenizer.encode("x\u{E9}") == [0, 3])  // "x" is unknown
        #expect(tokenizer.alphabetText(forToken: 4)?.unicodeScalars.count == 2)
    }

    @Test(arguments: TokenizerJSONFixtures.names)
    func longInputsEncodeAndRoundTrip(name: String) throws {
        let tokenizer = try TokenizerJSONFixtures.tokenizer(name)
        // One long word (a single piece for every pre-tokenizer, and the whole text for the
        // SentencePiece ones), a long space run, and a long mixed stretch.
        let word = String(repeating: "abc", count: 20_000)
        let spaces = String(repeating: " ", count: 5_000)
        let mixed = String(repeating: "中文 text 123 😀\n", count: 2_000)
        for text in [word, "x" + spaces + "y", mixed] {
            let ids = tokenizer.encode(text)
            #expect(!ids.isEmpty)
            // smollm2's fixture adds a space before every piece (add_prefix_space after Digits,
            // as Hugging Face does per piece), so its text does not come back.
            if name != "smollm2" { #expect(try tokenizer.decode(ids) == text) }
        }
    }

    @Test(arguments: TokenizerJSONFixtures.names)
    func emptyAndInvalidUTF8(name: String) throws {
        let tokenizer = try TokenizerJSONFixtures.tokenizer(name)
        #expect(tokenizer.encode("").isEmpty)
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        if tokenizer.storage.pipeline?.encodesLikeGPT2 == true {
            // GPT-2's layout keeps GPT-2's byte-exact path: the stray byte is its own token.
            #expect(try tokenizer.decodeBytes(tokenizer.encode(bytes: bytes)) == bytes)
        } else {
            // Invalid bytes become U+FFFD, as a Hugging Face tokenizer receives them from Python.
            #expect(tokenizer.encode(bytes: bytes) == tokenizer.encode("a\u{FFFD}b"))
        }
    }
}
