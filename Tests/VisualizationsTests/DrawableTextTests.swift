import Testing
@testable import Visualizations

/// Titles quote prompts in characters chart fonts can draw (issue 12, items 8 and 10).
@Suite struct DrawableTextTests {
    @Test func emojiAndControlCharactersAreWrittenOut() {
        #expect(DrawableText.quoted("hi 😀\tthere\n", limit: 40) == "“hi U+1F600⇥there⏎”")
        #expect(DrawableText.quoted("a\u{7}b", limit: 40) == "“a<U+0007>b”")
        #expect(DrawableText.quoted("中华", limit: 40) == "“中华”")
    }

    @Test func longTextKeepsTheEndAskedFor() {
        #expect(DrawableText.quoted("abcdefghij", limit: 5) == "“abcd…”")
        #expect(DrawableText.quoted("abcdefghij", limit: 5, keep: .end) == "“…ghij”")
    }
}
