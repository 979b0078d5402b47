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
    }

    /// Tokens available for training.
    public var trainingTokenCount: Int { trainingSegments.reduce(0) { $0 + $1.count } }
    /// Tokens held out.
    public var validationTokenCount: Int { validationSegments.reduce(0) { $0 + $1.count } }

    /// The `batchSize` windows (T + 1 tokens each) of step `step`: uniform over every start in the
    /// training segments, a function of `(seed, step)` only, so a resumed run draws the same batches.
    public func trainingBatch(step: Int, batchSize: Int, seed: UInt64) -> [[Int]] {
        var generator = SplitMix64(seed: seed ^ (UInt64(step) &+ 1) &* 0xD1B5_4A32_D192_ED03)
        let total = startCounts.last ?? 0
        return (0 ..< batchSize).map { _ in
            let draw = Int(generator.next() % UInt64(total))
            let segment = startCounts.firstIndex { $0 > draw } ?? 0
            let before = segment == 0 ? 0 : startCounts[segment - 1]
            let start = trainingSegments[segment].lowerBound + draw - before
            return Array(tokens[start ..< start + windowLength])
        }
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
