import Testing
import Tokenization
@testable import Visualizations

/// Axis labels of tokens: visible spaces, newlines, characters split into byte-level tokens.
@Suite struct AttentionTokenAxisLabelsTests {
    func text(_ bytes: [[UInt8]]) -> TokenizedText {
        TokenizedText(ids: Array(0..<bytes.count), tokenBytes: bytes, isSpecial: bytes.map { _ in false })
    }

    @Test func spacesAndNewlinesAreVisible() {
        // " the", "\n", ".\n\n", "cat"
        let t = text([[0x20, 0x74, 0x68, 0x65], [0x0A], [0x2E, 0x0A, 0x0A], [0x63, 0x61, 0x74]])
        #expect(TokenAxisLabels.labels(t) == ["·the", "⏎", ".⏎⏎", "cat"])
    }

    @Test func splitCharacterShowsOnItsFirstToken() {
        // "华" is e5 8d 8e; in two tokens the first shows the character, the second continues it.
        #expect(TokenAxisLabels.labels(text([[0xE5, 0x8D], [0x8E]])) == ["华", "…"])
        // "中华" as e4 b8 ad e5 | 8d 8e: "中" and the start of "华" in the first token.
        #expect(TokenAxisLabels.labels(text([[0xE4, 0xB8, 0xAD, 0xE5], [0x8D, 0x8E]])) == ["中华", "…"])
        // "华中" as e5 8d | 8e e4 | b8 ad: the middle token ends 华 and starts 中.
        #expect(TokenAxisLabels.labels(text([[0xE5, 0x8D], [0x8E, 0xE4], [0xB8, 0xAD]])) == ["华", "…中", "…"])
    }

    @Test func gpt2TokensOfChineseReadAsCharacters() throws {
        // GPT-2 (tiktoken) encodes "华" as two tokens, <e5><8d> and <8e>.
        let tokens = try Tokenizer.gpt2().tokenize("中华")
        let labels = TokenAxisLabels.labels(tokens)
        #expect(labels.joined().replacingOccurrences(of: "…", with: "") == "中华")
        #expect(labels.contains("…"))
    }

    @Test func invalidBytesStayHex() {
        #expect(TokenAxisLabels.labels(text([[0xFF], [0x41]])) == ["<ff>", "A"])
    }

    @Test func longRangesAreNumbered() {
        let t = text(Array(repeating: [0x61], count: 100))
        let window = TokenAxisLabels.labels(t, range: 50..<100)
        #expect(window.count == 50)
        #expect(window.first == "50 a" && window.last == "99 a")
        #expect(TokenAxisLabels.labels(t, range: 0..<5) == ["a", "a", "a", "a", "a"])
        #expect(TokenAxisLabels.labels(t, range: 0..<5, numbered: true) == ["0 a", "1 a", "2 a", "3 a", "4 a"])
        // A range past the end is clamped.
        #expect(TokenAxisLabels.labels(t, range: 98..<120, numbered: false).count == 2)
    }
}
