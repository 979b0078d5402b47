import FileAccess
import Testing

/// Line splitting must give the same lines for LF and CRLF files.
@Suite struct TextLinesTests {
    func lines(_ text: String) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { buffer in TextLines(buffer).map { "\($0.number):\($0.text)" } }
    }

    @Test func lfAndCRLFGiveTheSameLines() {
        let expected = ["1:#version: 0.2", "2:Ġ t", "3:", "4:Ġ a"]
        #expect(lines("#version: 0.2\nĠ t\n\nĠ a\n") == expected)
        #expect(lines("#version: 0.2\r\nĠ t\r\n\r\nĠ a\r\n") == expected)
        #expect(lines("#version: 0.2\r\nĠ t\r\n\r\nĠ a") == expected)  // no final line ending
    }

    @Test func byteOrderMarkIsSkippedAndLoneCRKept() {
        #expect(lines("\u{FEFF}a b\r\nc d") == ["1:a b", "2:c d"])
        #expect(lines("a\rb\nc") == ["1:a\rb", "2:c"])
        #expect(lines("").isEmpty)
        #expect(lines("\n") == ["1:"])
    }

    @Test func crlfBecomesLF() {
        #expect(TextLines.withLFLineEndings(Array("a\r\nb\rc\r\n\r\n".utf8)) == Array("a\nb\rc\n\n".utf8))
        #expect(TextLines.withLFLineEndings(Array("no CR\n".utf8)) == Array("no CR\n".utf8))
        #expect(TextLines.withLFLineEndings([0x0D]) == [0x0D])
    }
}
