import Foundation
import GPTModel

/// A token stream cut into training and validation segments, and the windows drawn from them.
///
/// The stream is cut into segments of `8 × (T + 1)` tokens (or `T + 1` for short corpora); a
/// `validationFraction` share of them, spread evenly through the stream, is held out, so that
/// validation sees every part of a corpus made of several sources. A window is T + 1 consecutive
/// tokens of one segment: T inputs and the T next tokens as targets.
public struct TokenDataset: Sendable {
    /// The whole stream.
    public let tokens: [Int]
    /// T + 1.
    public let windowLength: Int
    /// Ranges of ``tokens`` to train on.
    public let trainingSegments: [Range<Int>]
    /// Held-out ranges.
    public let validationSegments: [Range<Int>]
    /// Cumulative number of window starts per training segment (for uniform sampling).
    private let startCounts: [Int]
    /// The distinct token ids of the training segments, ascending: what a repeated span's random
    /// tokens are drawn from (uniformly, so rare tokens are as likely as common ones, as in the
    /// random-token probes induction heads are measured on).
    public let trainingVocabulary: [Int]

    /// Splits `tokens` for training with `contextLength`-token windows.
    ///
    /// - Throws: ``TrainingError/emptyCorpus`` or ``TrainingError/corpusTooShort(tokens:needed:context:)``.
    public init(tokens: [Int], contextLength: Int, validationFraction: Double) throws(TrainingError) {
        guard !tokens.isEmpty else { throw .emptyCorpus }
        let window = contextLength + 1
        let needed = validationFraction > 0 ? 2 * window : window
        guard tokens.count >= needed else { throw .corpusTooShort(tokens: tokens.count, needed: needed, context: contextLength) }
        var segmentLength = 8 * window
        if tokens.count < 4 * segmentLength { segmentLength = window }
        let count = tokens.count / segmentLength
        var segments = (0 ..< count).map { $0 * segmentLength ..< ($0 + 1) * segmentLength }
        segments[count - 1] = segments[count - 1].lowerBound ..< tokens.count  // the remainder joins the last
        var isValidation = (0 ..< count).map { i in
            (Double(i + 1) * validationFraction).rounded(.down) > (Double(i) * validationFraction).rounded(.down)
        }
        if validationFraction > 0, !isValidation.contains(true) { isValidation[count - 1] = true }
        if !isValidation.contains(false) { isValidation[0] = false }
        self.tokens = tokens
        self.windowLength = window
        self.trainingSegments = zip(segments, isValidation).filter { !$0.1 }.map(\.0)
        self.validationSegments = zip(segments, isValidation).filter { $0.1 }.map(\.0)
        var running = 0
        self.startCounts = trainingSegments.map { running += $0.count - window + 1; return running }
        var seen = Set<Int>()
        for segment in trainingSegments { for id in tokens[segment] { seen.insert(id) } }
        self.trainingVocabulary = seen.sorted()
    }

    /// Tokens available for training.
    public var trainingTokenCount: Int { trainingSegments.reduce(0) { $0 + $1.count } }
    /// Tokens held out.
    public var validationTokenCount: Int { validationSegments.reduce(0) { $0 + $1.count } }

    /// The `batchSize` windows (T + 1 tokens each) of step `step`: uniform over every start in the
    /// training segments, a function of `(seed, step)` only, so a resumed run draws the same batches.
    ///
    /// With a `repeatFraction` p > 0, each window independently (probability p) gets a repeated
    /// span written over part of it: L random tokens (see ``trainingVocabulary``) followed by the
    /// same L tokens again, at a random offset, with L uniform in `minimumRepeatLength ... (T + 1) / 2`.
    /// Text predicts its second copy only to a model that looks back to the token after the
    /// current one's earlier occurrence, which is what an induction head does; natural text
    /// repeats too rarely for a small model to learn that in a short run. The corpus windows
    /// drawn are the same whatever p is (the repeats use their own random stream).
    ///
    /// With an `alphabet`, the random tokens come from it instead, and a span shorter than the
    /// alphabet holds no token twice (so that, in a small alphabet, each token of the second copy
    /// has one earlier occurrence to look back to).
    public func trainingBatch(step: Int, batchSize: Int, seed: UInt64, repeatFraction: Double = 0,
                              alphabet: ArraySlice<Int>? = nil) -> [[Int]] {
        var generator = SplitMix64(seed: seed ^ (UInt64(step) &+ 1) &* 0xD1B5_4A32_D192_ED03)
        var repeats = SplitMix64(seed: seed ^ 0x5245_5045_4154 ^ (UInt64(step) &+ 1) &* 0x9E37_79B9_7F4A_7C15)  // "REPEAT"
        let total = startCounts.last ?? 0
        return (0 ..< batchSize).map { _ in
            let draw = Int(generator.next() % UInt64(total))
            let segment = startCounts.firstIndex { $0 > draw } ?? 0
            let before = segment == 0 ? 0 : startCounts[segment - 1]
            let start = trainingSegments[segment].lowerBound + draw - before
            var window = Array(tokens[start ..< start + windowLength])
            if repeatFraction > 0, Double(repeats.next() >> 11) / Double(1 << 53) < repeatFraction {
                writeRepeatedSpan(into: &window, alphabet: alphabet, generator: &repeats)
            }
            return window
        }
    }

    /// Shortest repeated span (shorter if the window cannot hold two).
    public static let minimumRepeatLength = 8

    /// Overwrites `window[o ..< o + 2L]` with L random tokens twice.
    private func writeRepeatedSpan(into window: inout [Int], alphabet: ArraySlice<Int>?, generator: inout SplitMix64) {
        let longest = window.count / 2
        let shortest = min(Self.minimumRepeatLength, longest)
        let pool = alphabet ?? trainingVocabulary[...]
        guard longest >= 1, !pool.isEmpty else { return }
        let length = shortest + Int(generator.next() % UInt64(longest - shortest + 1))
        let offset = Int(generator.next() % UInt64(window.count - 2 * length + 1))
        func draw() -> Int { pool[pool.startIndex + Int(generator.next() % UInt64(pool.count))] }
        // Without an alphabet, draws are independent, as runs made before the alphabet existed drew them.
        let distinct = alphabet != nil && length <= pool.count
        var used = Set<Int>()
        for i in 0 ..< length {
            var id = draw()
            while distinct, !used.insert(id).inserted { id = draw() }
            window[offset + i] = id
            window[offset + length + i] = id
        }
    }

    /// The training vocabulary in an order fixed by `seed`: a ``TrainingOptions/RepeatAlphabet``
    /// of n tokens is its first n, so each doubling keeps the tokens already learned.
    public func repeatAlphabetOrder(seed: UInt64) -> [Int] {
        var order = trainingVocabulary
        var generator = SplitMix64(seed: seed ^ 0x414C_5048_4142_4554)  // "ALPHABET"
        // Fisher–Yates written out, not `shuffle(using:)`, whose algorithm the standard library
        // may change: a recipe's alphabet must stay the same on every toolchain.
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.next() % UInt64(i + 1)))
        }
        return order
    }

    /// Up to `limit` non-overlapping validation windows, spread evenly over the held-out segments
    /// (the same every call).
    public func validationWindows(limit: Int) -> [[Int]] {
        var all: [Int] = []
        for segment in validationSegments {
            var start = segment.lowerBound
            while start + windowLength <= segment.upperBound {
                all.append(start)
                start += windowLength
            }
        }
        guard !all.isEmpty, limit > 0 else { return [] }
        let chosen = all.count <= limit ? all : (0 ..< limit).map { all[$0 * all.count / limit] }
        return chosen.map { Array(tokens[$0 ..< $0 + windowLength]) }
    }

    /// Entropy in nats of the training tokens' unigram distribution: the loss of a model that
    /// ignores context and predicts each token's overall frequency (the baseline to beat).
    public func unigramEntropy() -> Double {
        var counts: [Int: Int] = [:]
        for segment in trainingSegments { for id in tokens[segment] { counts[id, default: 0] += 1 } }
        let total = Double(trainingTokenCount)
        return counts.values.reduce(0.0) { sum, count in
            let p = Double(count) / total
            return sum - p * log(p)
        }
    }
}
