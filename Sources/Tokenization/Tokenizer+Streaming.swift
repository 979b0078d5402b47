extension Tokenizer {
    /// Bytes the pre-tokenizer may look past the end of a piece (one UTF-8 character, rounded
    /// up): a piece that ends this far before the end of what has been read is final.
    static let streamingMargin = 8

    /// The last position in `bytes`, the beginning of a longer input, where the input can be cut
    /// so that tokenizing the two parts one after the other gives exactly the tokens (and the
    /// characters) of the whole, whatever follows; nil when there is none yet (read more).
    ///
    /// A cut is safe where (1) the pre-tokenizer's piece boundary cannot move: the scanner
    /// decides a piece's end by looking at most one character past it, so a boundary at least
    /// ``streamingMargin`` bytes before the end of `bytes` is final; (2) no allowed special token
    /// can straddle it (the boundary is after the last special token found, and at least the
    /// longest special token's length before the end); (3) the part before it, tokenized alone,
    /// ends in the same piece: not so after whitespace, since a run of spaces or newlines before
    /// a word gives its last character to the next piece, but ends in one piece at the end of
    /// the input; (4) it is between two characters (a combining mark after a letter starts a new
    /// piece but not a new character).
    ///
    /// With `length`, only the first `length` bytes are considered (a cut near the start of a
    /// long buffer keeps the parts small).
    ///
    /// Any other tokenizer.json tokenizer has no such proof (its pre-tokenizer is the file's own, and a
    /// SentencePiece-style one has none), so it gives nil: its input is tokenized whole.
    public func streamingCut(in bytes: [UInt8], length: Int? = nil, allowedSpecial: Set<String> = []) -> Int? {
        if let pipeline = storage.pipeline, !pipeline.encodesLikeGPT2 { return nil }
        let specials = allowedSpecial.compactMap { text -> ([UInt8], Int)? in
            guard let id = storage.specialTokens[text], !text.isEmpty else { return nil }
            return (Array(text.utf8), id)
        }
        let margin = max(Self.streamingMargin, specials.map(\.0.count).max() ?? 0)
        return bytes.withUnsafeBufferPointer { whole -> Int? in
            let buffer = UnsafeBufferPointer(rebasing: whole[..<min(length ?? whole.count, whole.count)])
            // Ordinary text starts after the last special token that ends before the limit. A
            // special token that starts by the limit is certain (no longer one could start at or
            // before it and run past the end), so the ordinary text ends there and so may the cut.
            var (start, end, limit) = (0, buffer.count, buffer.count - margin)
            while let (at, special, _) = Tokenizer.firstSpecial(specials, in: buffer, from: start) {
                if at + special.count <= limit {
                    start = at + special.count
                    continue
                }
                if at <= limit {
                    end = at
                    limit = at
                } else {
                    // It may or may not be a special token: keep the scanner's look-ahead before it.
                    limit = min(limit, at - Self.streamingMargin)
                }
                break
            }
            guard limit > start else { return start > 0 ? start : nil }
            // Piece boundaries of that text up to the limit, last first.
            var boundaries: [Int] = []
            var scanner = PieceScanner(buffer, from: start, to: end)
            while let range = scanner.next(), range.upperBound <= limit { boundaries.append(range.upperBound) }
            for cut in boundaries.reversed() where !Self.followsWhitespace(buffer, cut) && Self.isCharacterBoundary(buffer, cut) {
                return cut
            }
            return start > 0 ? start : nil
        }
    }

    /// Whether the character just before `cut` is whitespace (as the pre-tokenizer classes it).
    static func followsWhitespace(_ buffer: UnsafeBufferPointer<UInt8>, _ cut: Int) -> Bool {
        guard cut > 0 else { return false }
        let tail = String(decoding: UnsafeBufferPointer(rebasing: buffer[max(0, cut - 4)..<cut]), as: UTF8.self)
        guard let last = tail.unicodeScalars.last else { return false }
        return ScalarClass.of(last.value) == .whitespace
    }

    /// Whether `cut` separates two characters (grapheme clusters), judged from up to 16 bytes on
    /// either side (a cluster that long around a piece boundary is not worth a cut there).
    static func isCharacterBoundary(_ buffer: UnsafeBufferPointer<UInt8>, _ cut: Int) -> Bool {
        guard cut > 0, cut < buffer.count else { return true }
        let left = String(decoding: UnsafeBufferPointer(rebasing: buffer[max(0, cut - 16)..<cut]), as: UTF8.self)
        let right = String(decoding: UnsafeBufferPointer(rebasing: buffer[cut..<min(buffer.count, cut + 16)]), as: UTF8.self)
        return left.count + right.count == (left + right).count
    }
}
