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
