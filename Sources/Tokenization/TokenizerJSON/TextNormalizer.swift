import Foundation

/// A `tokenizer.json` normalizer: rewrites text (as Unicode scalar values) before pre-tokenizing.
enum TextNormalizer: Sendable {
    /// Unicode normalization forms (`NFC` is what GPT-NeoX and Qwen2 ask for).
    case nfc, nfd, nfkc, nfkd
    case lowercase
    /// `Prepend`: adds text before any non-empty segment (SentencePiece's leading `▁`).
    case prepend([UInt32])
    /// `Replace`: every match of the pattern becomes `content` (`" "` → `"▁"`).
    case replace(SplitPattern, content: [UInt32])
    case sequence([TextNormalizer])

    func apply(_ text: [UInt32]) -> [UInt32] {
        switch self {
        case .nfc: return TextNormalizer.map(text) { $0.precomposedStringWithCanonicalMapping }
        case .nfd: return TextNormalizer.map(text) { $0.decomposedStringWithCanonicalMapping }
        case .nfkc: return TextNormalizer.map(text) { $0.precomposedStringWithCompatibilityMapping }
        case .nfkd: return TextNormalizer.map(text) { $0.decomposedStringWithCompatibilityMapping }
        case .lowercase: return TextNormalizer.map(text) { $0.lowercased() }
        case let .prepend(prefix): return text.isEmpty ? text : prefix + text
        case let .replace(pattern, content):
            var out: [UInt32] = []
            out.reserveCapacity(text.count)
            var last = 0
            for range in pattern.matches(in: text) {
                out += text[last..<range.lowerBound]
                out += content
                last = range.upperBound
            }
            return out + text[last...]
        case let .sequence(steps):
            return steps.reduce(text) { $1.apply($0) }
        }
    }

    private static func map(_ text: [UInt32], _ transform: (String) -> String) -> [UInt32] {
        var view = String.UnicodeScalarView()
        for value in text { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return transform(String(view)).unicodeScalars.map(\.value)
    }
}

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

/// A `tokenizer.json` pre-tokenizer: cuts normalized text into the pieces BPE works on.
enum PreTokenizerStep: Sendable {
    /// `ByteLevel`: an optional leading space, then (with `use_regex`) GPT-2's pattern. The bytes
    /// themselves are handled by the byte-level model, which works on UTF-8 bytes directly.
    case byteLevel(addPrefixSpace: Bool, useRegex: Bool)
    case split(SplitPattern, SplitBehavior)
    /// `Digits`: every digit its own piece, or runs of digits together.
    case digits(individual: Bool)
    /// `Metaspace`: spaces become `replacement`; `▁` is put in front per the prepend scheme.
    case metaspace(replacement: UInt32, prependAlways: Bool, prependFirst: Bool, split: Bool)
    case sequence([PreTokenizerStep])

    func apply(_ pieces: [TextPiece]) -> [TextPiece] {
        switch self {
        case let .sequence(steps):
            return steps.reduce(pieces) { $1.apply($0) }
        case let .byteLevel(addPrefixSpace, useRegex):
            return pieces.flatMap { piece -> [TextPiece] in
                var piece = piece
                if addPrefixSpace && piece.scalars.first != 0x20 { piece.scalars.insert(0x20, at: 0) }
                return useRegex ? SplitBehavior.isolated.split(piece, at: SplitPattern.gpt2.matches(in: piece.scalars)) : [piece]
            }
        case let .split(pattern, behavior):
            return pieces.flatMap { behavior.split($0, at: pattern.matches(in: $0.scalars)) }
        case let .digits(individual):
            return pieces.flatMap { piece in
                let digits = piece.scalars.indices.filter { ScalarClass.of(piece.scalars[$0]) == .number }.map { $0..<($0 + 1) }
                return (individual ? SplitBehavior.isolated : .contiguous).split(piece, at: digits)
            }
        case let .metaspace(replacement, prependAlways, prependFirst, split):
            return pieces.flatMap { piece -> [TextPiece] in
                var piece = piece
                piece.scalars = piece.scalars.map { $0 == 0x20 ? replacement : $0 }
                if piece.scalars.first != replacement && (prependAlways || (prependFirst && piece.atStart)) {
                    piece.scalars.insert(replacement, at: 0)
                }
                guard split else { return [piece] }
                let marks = piece.scalars.indices.filter { piece.scalars[$0] == replacement }.map { $0..<($0 + 1) }
                return SplitBehavior.mergedWithNext.split(piece, at: marks)
            }
        }
    }

    /// Whether the step (or one inside it) is `ByteLevel`, which makes the model byte-level.
    var isByteLevel: Bool {
        switch self {
        case .byteLevel: return true
        case let .sequence(steps): return steps.contains { $0.isByteLevel }
        default: return false
        }
    }
}
