import Tokenization

/// The classic induction-head probe: a sequence of random token ids, repeated twice.
///
/// In the second half a head that attends to "the token after the previous occurrence of the
/// current token" has a perfect target, so induction heads light up (Olsson et al. 2022).
public enum RepeatedTokensPrompt {
    /// `[prefix] + r + r` where `r` is `length` ids drawn uniformly from `range` with a seeded
    /// generator (the same seed gives the same prompt on every platform).
    public static func ids(length: Int, range: Range<Int>, seed: UInt64 = 0, prefix: [Int] = []) -> [Int] {
        var state = seed
        var random: [Int] = []
        let n = UInt64(max(1, range.count))
        for _ in 0..<max(0, length) {
            random.append(range.lowerBound + Int(splitMix64(&state) % n))
        }
        return prefix + random + random
    }

    /// `[prefix] + r + r` where `r` is `length` ids drawn from `candidates` with a seeded
    /// generator, all different while there are enough candidates: a token that occurs twice
    /// within `r` would give an induction head two "next tokens" to choose between.
    ///
    /// Use ``candidates(_:vocabularySize:)`` for the candidates, so the prompt shows as words.
    public static func ids(length: Int, candidates: [Int], seed: UInt64 = 0, prefix: [Int] = []) -> [Int] {
        guard !candidates.isEmpty, length > 0 else { return prefix }
        var state = seed
        var pool = candidates
        var random: [Int] = []
        random.reserveCapacity(length)
        for i in 0..<length {
            // A partial Fisher–Yates shuffle; past the pool's size it starts a fresh shuffle.
            let k = i % pool.count
            let j = k + Int(splitMix64(&state) % UInt64(pool.count - k))
            pool.swapAt(k, j)
            random.append(pool[k])
        }
        return prefix + random + random
    }

    /// The ids a random prompt draws from: with a tokenizer, its whole and printable tokens below
    /// `vocabularySize`, preferring a space followed by letters (`·river`, `·Moses`), so titles
    /// and axis labels show words instead of byte fragments (`<e5>`) or boxes; without one,
    /// every id below `vocabularySize`.
    public static func candidates(_ tokenizer: Tokenizer?, vocabularySize: Int) -> [Int] {
        guard let tokenizer else { return Array(0..<vocabularySize) }
        let ids = tokenizer.printableTokenIDs(below: vocabularySize, wordPieces: true, minimum: 64)
        return ids.isEmpty ? Array(0..<vocabularySize).filter { tokenizer.specialTokenText($0) == nil } : ids
    }

    /// SplitMix64: tiny, fast, and fully specified, so prompts are reproducible.
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
