import Foundation
import Testing
import Tokenization

/// Tokenizers on random Unicode text and random bytes: every case ends in ids, byte-level
/// tokenizers give the input back exactly (decode(encode(s)) == s, and the same for bytes),
/// and a streaming cut changes no token.
@Suite struct TokenizerTextFuzzTests {
    /// Scalars from every kind the pre-tokenizer classes differently, and the odd ones.
    static let pools: [[UInt32]] = [
        Array(0x20 ... 0x7E), [0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0xA0, 0x2028, 0x3000, 0x20, 0x20, 0x20],
        Array(0x30 ... 0x39) + Array(0x660 ... 0x669), Array(0x300 ... 0x36F) + [0x200D, 0xFE0F, 0x20E3],
        Array(0x4E00 ... 0x4E80) + Array(0x3040 ... 0x30FF) + Array(0xAC00 ... 0xAC40),
        Array(0x1F600 ... 0x1F64F) + [0x1F468, 0x1F469, 0x1F3FB, 0x1F1FA, 0x1F1F8],
        Array(0x5D0 ... 0x5EA) + Array(0x627 ... 0x64A) + Array(0x900 ... 0x97F), [0x00, 0x01, 0x1B, 0x7F, 0xFFFD, 0xFEFF, 0x10FFFF, 0xE000],
    ]

    static func randomText(_ random: inout FuzzRandom) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0 ..< random.below(64) {
            if random.chance(1, in: 30) { scalars.append(contentsOf: random.pick(["<|endoftext|>", "'s", "'ll", " 's", "\r\n"]).unicodeScalars); continue }
            let value: UInt32 = random.chance(1, in: 8) ? UInt32(random.below(0x110000)) : random.pick(random.pick(pools))
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    static func randomBytes(_ random: inout FuzzRandom) -> [UInt8] {
        if random.chance(1, in: 2) {
            return (0 ..< random.below(64)).map { _ in UInt8(random.below(256)) }
        }
        // Mostly text with broken sequences in it.
        return FuzzMutator.mutate(Array(randomText(&random).utf8), &random)
    }

    /// The streaming cut property: ids of the two parts == ids of the whole.
    static func checkCut(_ tokenizer: Tokenizer, _ bytes: [UInt8], length: Int) {
        guard let cut = tokenizer.streamingCut(in: bytes, length: length) else { return }
        #expect(tokenizer.encode(bytes: Array(bytes[..<cut])) + tokenizer.encode(bytes: Array(bytes[cut...])) == tokenizer.encode(bytes: bytes))
    }

    @Test func gpt2RoundTripsRandomText() throws {
        let tokenizer = try Tokenizer.gpt2()
        let outcome = Fuzzer("gpt2 random text").run(make: Self.randomText) { text in
            let ids = tokenizer.encode(text)
            let decoded = try tokenizer.decode(ids)
            #expect(decoded == text)
            #expect(tokenizer.encode(bytes: Array(text.utf8)) == ids)
            Self.checkCut(tokenizer, Array(text.utf8), length: text.utf8.count / 2)
        }
        print(outcome)
    }

    @Test func gpt2RoundTripsRandomBytes() throws {
        let tokenizer = try Tokenizer.gpt2()
        let outcome = Fuzzer("gpt2 random bytes").run(make: Self.randomBytes) { bytes in
            let ids = tokenizer.encode(bytes: bytes, allowedSpecial: ["<|endoftext|>"])
            let decoded = try tokenizer.decodeBytes(ids)
            #expect(decoded == bytes)
            _ = tokenizer.tokenize(bytes: bytes, allowedSpecial: [])
        }
        print(outcome)
    }

    @Test func tokenizerJSONPipelinesOnRandomTextAndBytes() throws {
        // Llama 3's byte-level file has no normalizer: its round trip is exact. Llama 2's
        // SentencePiece file adds a leading ▁ (as transformers does): ids only.
        let llama3 = try Tokenizer(tokenizerJSON: try FuzzSeeds.bytes("TokenizationTests/Fixtures/hf/llama3/tokenizer.json"))
        let sentencePiece = try Tokenizer(tokenizerJSON: try FuzzSeeds.bytes("TokenizationTests/Fixtures/hf/sp_llama2/tokenizer.json"))
        let outcome = Fuzzer("tokenizer.json random text").run(make: { random in
            (Self.randomText(&random), Self.randomBytes(&random))
        }, body: { input in
            let decoded = try llama3.decode(llama3.encode(input.0))
            #expect(decoded == input.0)
            _ = try sentencePiece.decode(sentencePiece.encode(input.0))
            _ = llama3.encode(bytes: input.1)
            _ = sentencePiece.encode(bytes: input.1)
        })
        print(outcome)
    }
}
