import Testing
@testable import Tokenization

/// Tokenizing a long input part by part, cut where ``Tokenizer/streamingCut(in:length:allowedSpecial:)``
/// says, gives exactly the tokens of the whole text.
struct StreamingCutTests {
    let tokenizer = try! Tokenizer.gpt2()

    /// The text read `read` bytes at a time and tokenized in parts of at most `part` bytes where a
    /// safe cut exists (as `gptscope tokenize` does with 1 MiB reads and 256 KiB parts).
    func streamed(_ text: String, read: Int, part: Int, allowed: Set<String> = []) -> (ids: [Int], parts: Int, characters: Int) {
        let input = Array(text.utf8)
        var (ids, parts, characters) = ([Int](), 0, 0)
        var buffer: [UInt8] = []
        var offset = 0
        var ended = false
        while !(ended && buffer.isEmpty) {
            if !ended {
                buffer += input[offset..<min(offset + read, input.count)]
                offset = min(offset + read, input.count)
                ended = offset == input.count
            }
            let safe = tokenizer.streamingCut(in: buffer, length: part, allowedSpecial: allowed)
                ?? tokenizer.streamingCut(in: buffer, allowedSpecial: allowed)
            guard let cut = ended && (safe == nil || buffer.count <= part) ? buffer.count : safe else { continue }
            let tokens = tokenizer.tokenize(bytes: Array(buffer[..<cut]), allowedSpecial: allowed)
            ids += tokens.ids
            characters += tokens.characterCount
            parts += 1
            buffer.removeFirst(cut)
        }
        return (ids, parts, characters)
    }

    @Test(arguments: Fixtures.cases)
    func corpusCaseMatchesTiktokenInSmallParts(_ c: Fixtures.Case) {
        // Parts of a few bytes put cuts next to every kind of piece the corpus has.
        for (read, part) in [(9, 12), (16, 24), (40, 20)] {
            let result = streamed(c.text, read: read, part: part, allowed: Set(c.allowedSpecial))
            #expect(result.ids == c.ids, "read \(read), part \(part)")
            #expect(result.characters == c.text.count, "read \(read), part \(part)")
        }
    }

    @Test func longMixedTextInManyPartsMatchesTheWholeText() {
        // Every corpus text, with runs of spaces, newlines, combining marks, CJK, emoji and
        // special tokens between them.
        let separators = ["   \n  ", "\n\n", "e\u{301}", " 中华人民共和国 ", "👩‍👩‍👧", "<|endoftext|>", "     ", "\r\n", "'ll"]
        var text = ""
        for (i, c) in Fixtures.cases.enumerated() { text += c.text + separators[i % separators.count] }
        text = String(repeating: text, count: 3)
        for allowed in [Set<String>(), ["<|endoftext|>"]] {
            let whole = tokenizer.encode(text, allowedSpecial: allowed)
            let result = streamed(text, read: 97, part: 64, allowed: allowed)
            #expect(result.parts > 100)
            #expect(result.ids == whole)
            #expect(result.characters == text.count)
        }
    }

    @Test func noCutInsideASpaceRunOrASpecialToken() {
        // A run of spaces followed by a word: the run's last space belongs to the word, so no cut
        // can be proven until the word is seen.
        let spaces = Array(String(repeating: " ", count: 40).utf8)
        #expect(tokenizer.streamingCut(in: spaces) == nil)
        // "ab" + "<|endoftext|>" with the special token allowed: cut before it, never inside.
        let text = Array("ab<|endoftext|>cd efgh ijkl mnop".utf8)
        let cut = tokenizer.streamingCut(in: text, length: 10, allowedSpecial: ["<|endoftext|>"])
        #expect(cut == nil || cut == 2)
    }
}
