import Foundation
import Testing
import Tokenization

/// The tokenizer file readers on mutated files: vocab.json + merges.txt, tokenizer.json and
/// .tiktoken. Each case loads a tokenizer or throws; a tokenizer that loads must encode and
/// decode text, and the byte-level ones must give the text back.
@Suite struct TokenizerFileFuzzTests {
    static let sample = "Hello world, it's 2024! Ġ <|endoftext|> é中😀\n\n  tabs\tand  spaces"

    /// Encodes and decodes a sample; `roundTrip` when decode(encode(s)) must be s.
    static func exercise(_ tokenizer: Tokenizer, roundTrip: Bool) throws {
        let ids = tokenizer.encode(sample, allowedSpecial: Set(tokenizer.specialTokens.keys))
        let text = try tokenizer.decode(ids)
        if roundTrip { #expect(text == sample) }
        _ = tokenizer.encode(bytes: [0xC0, 0x80, 0x61, 0xFF, 0xE4, 0xB8])
    }

    @Test func mutatedVocabularyAndMergesLoadOrThrow() throws {
        let vocabulary = try FuzzSeeds.bytes("TokenizationTests/Fixtures/tiny_vocab/vocab.json")
        let merges = try FuzzSeeds.bytes("TokenizationTests/Fixtures/tiny_vocab/merges.txt")
        _ = try Tokenizer(vocabularyJSON: vocabulary, merges: merges)
        let outcome = Fuzzer("vocab.json + merges.txt").run(make: { random -> ([UInt8], [UInt8]) in
            random.chance(1, in: 2) ? (FuzzMutator.mutate(vocabulary, &random), merges) : (vocabulary, FuzzMutator.mutate(merges, &random))
        }, body: { files in
            try Self.exercise(try Tokenizer(vocabularyJSON: files.0, merges: files.1), roundTrip: true)
        })
        print(outcome)
        #expect(outcome.values > 0 && outcome.errors > 0)
    }

    /// A small rank file: the 256 bytes, then a few merged tokens, ranked as tiktoken ranks them.
    static func tiktokenSeed() -> [UInt8] {
        var lines = (0 ..< 256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        for (rank, token) in ["he", "ll", "hell", "hello", " w", " wor", "ld", " world", "é", "中"].enumerated() {
            lines.append("\(Data(token.utf8).base64EncodedString()) \(256 + rank)")
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test func mutatedTiktokenFilesLoadOrThrow() throws {
        let seed = Self.tiktokenSeed()
        try Self.exercise(try Tokenizer(tiktoken: seed), roundTrip: true)
        let outcome = Fuzzer(".tiktoken").run(seeds: [seed]) { bytes in
            try Self.exercise(try Tokenizer(tiktoken: bytes), roundTrip: true)
        }
        print(outcome)
        #expect(outcome.values > 0 && outcome.errors > 0)
    }

    @Test func mutatedTokenizerJSONFilesLoadOrThrow() throws {
        // Byte-level (NeoX) and SentencePiece-style (Llama 2) files; the smallest of each kind.
        let seeds = try ["neox", "sp_llama2"].map { try FuzzSeeds.bytes("TokenizationTests/Fixtures/hf/\($0)/tokenizer.json") }
        for seed in seeds { _ = try Tokenizer(tokenizerJSON: seed) }
        let outcome = Fuzzer("tokenizer.json", iterations: 600).run(seeds: seeds) { bytes in
            // Normalizers and added tokens make the round trip inexact in general: exercise only.
            try Self.exercise(try Tokenizer(tokenizerJSON: bytes), roundTrip: false)
        }
        print(outcome)
        #expect(outcome.values > 0 && outcome.errors > 0)
    }
}
