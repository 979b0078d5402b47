import Testing
@testable import Tokenization

/// Which tokens a random prompt may draw (issue 12, item 8): whole, printable tokens only.
/// Ids checked by hand against tiktoken's gpt2 ranks (262 = " the", 220 = " ", 198 = "\n",
/// 39355 = bytes e5 8d, the first two of "华", 0 = "!", 50256 = <|endoftext|>).
@Suite struct PrintableTokensTests {
    let gpt2 = try! Tokenizer.gpt2()

    @Test func wordPiecesAreASpaceAndLetters() {
        let words = Set(gpt2.printableTokenIDs())
        #expect(words.contains(262))                 // " the"
        #expect(!words.contains(0))                  // "!" is printable but not a word
        #expect(!words.contains(220) && !words.contains(198) && !words.contains(39355) && !words.contains(50256))
        // Every word piece decodes, by the tokenizer's own decode, to a space and letters.
        for id in words.prefix(2000) {
            let text = try! gpt2.decode([id])
            #expect(text.first == " " && text.dropFirst().allSatisfy(\.isLetter), "\(id): \(text)")
        }
    }

    @Test func printableTokensExcludeFragmentsControlsAndSpaces() {
        let printable = Set(gpt2.printableTokenIDs(wordPieces: false))
        #expect(printable.contains(0) && printable.contains(262))
        #expect(!printable.contains(220) && !printable.contains(198) && !printable.contains(39355) && !printable.contains(50256))
        // Bytes 0x00-0x1F are ids 188-219 in GPT-2's byte order: all control characters.
        #expect((188 ... 219).allSatisfy { !printable.contains($0) })
        #expect(gpt2.printableTokenIDs(below: 300, wordPieces: false).allSatisfy { $0 < 300 })
    }

    @Test func sequenceStartToken() {
        #expect(gpt2.sequenceStartToken?.id == 50256 && gpt2.sequenceStartToken?.text == "<|endoftext|>")
    }
}
