/// A stretch of text on its way through the pre-tokenizers.
struct TextPiece {
    var scalars: [UInt32]
    /// Whether the piece begins at the very start of the input (`Metaspace`'s `prepend_scheme:
    /// "first"` adds `▁` only there, not after an added token).
    var atStart: Bool
}

/// How a `Split` pre-tokenizer treats the matches (its `behavior`).
enum SplitBehavior: String, Sendable {
    case isolated = "Isolated", removed = "Removed", mergedWithPrevious = "MergedWithPrevious"
    case mergedWithNext = "MergedWithNext", contiguous = "Contiguous"

    /// Cuts `piece` at `matches`, following Hugging Face's `SplitDelimiterBehavior`.
    func split(_ piece: TextPiece, at matches: [Range<Int>]) -> [TextPiece] {
        // Gaps and matches, in order, covering the piece.
        var parts: [(Range<Int>, Bool)] = []
        var last = 0
        for range in matches {
            if range.lowerBound > last { parts.append((last..<range.lowerBound, false)) }
            parts.append((range, true))
            last = range.upperBound
        }
        if last < piece.scalars.count { parts.append((last..<piece.scalars.count, false)) }

        var kept: [Range<Int>] = []
        switch self {
        case .isolated:
            kept = parts.map(\.0)
        case .removed:
            kept = parts.filter { !$0.1 }.map(\.0)
        case .contiguous:
            var previous = false
            for (range, isMatch) in parts {
                if isMatch == previous, let end = kept.indices.last { kept[end] = kept[end].lowerBound..<range.upperBound }
                else { kept.append(range) }
                previous = isMatch
            }
        case .mergedWithPrevious:
            var previous = false
            for (range, isMatch) in parts {
                if isMatch && !previous, let end = kept.indices.last { kept[end] = kept[end].lowerBound..<range.upperBound }
                else { kept.append(range) }
                previous = isMatch
            }
        case .mergedWithNext:
            var previous = false
            for (range, isMatch) in parts.reversed() {
                if isMatch && !previous, let end = kept.indices.last { kept[end] = range.lowerBound..<kept[end].upperBound }
                else { kept.append(range) }
                previous = isMatch
            }
            kept.reverse()
        }
        return kept.filter { !$0.isEmpty }.map {
            TextPiece(scalars: Array(piece.scalars[$0]), atStart: piece.atStart && $0.lowerBound == 0)
        }
    }
}
