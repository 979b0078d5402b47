/// The `added_tokens` of a `tokenizer.json`, found in text before anything else happens to it.
///
/// As Hugging Face tokenizers do: the leftmost match wins, the longest one at that position;
/// `lstrip`/`rstrip` make the token swallow the whitespace before/after it; `single_word` tokens
/// count only between non-word characters. Tokens with `normalized: false` are matched in the raw
/// text, those with `normalized: true` in each stretch after it has been normalized.
struct AddedTokens: Sendable {
    struct Token: Sendable {
        let id: Int
        let content: [UInt32]
        let special: Bool
        let lstrip: Bool
        let rstrip: Bool
        let singleWord: Bool
        let normalized: Bool
    }

    let tokens: [Token]
    /// Indices into `tokens` by first scalar, longest content first.
    private let byFirst: [UInt32: [Int]]

    init(_ tokens: [Token]) {
        self.tokens = tokens
        var byFirst: [UInt32: [Int]] = [:]
        for (index, token) in tokens.enumerated() where !token.content.isEmpty {
            byFirst[token.content[0], default: []].append(index)
        }
        self.byFirst = byFirst.mapValues { $0.sorted { tokens[$0].content.count > tokens[$1].content.count } }
    }

    /// A stretch of text: ordinary (`id` nil) or one added token.
    struct Segment {
        var range: Range<Int>
        var id: Int?
    }

    /// Cuts `text` into ordinary stretches and added tokens among those that `include` accepts.
    func split(_ text: [UInt32], normalized: Bool, include: (Token) -> Bool) -> [Segment] {
        var segments: [Segment] = []
        var ordinaryStart = 0
        var position = 0
        while position < text.count {
            guard let candidates = byFirst[text[position]],
                  let index = candidates.first(where: { matches(tokens[$0], in: text, at: position, normalized: normalized, include: include) })
            else {
                position += 1
                continue
            }
            let token = tokens[index]
            var start = position
            var end = position + token.content.count
            if token.lstrip {
                while start > ordinaryStart && ScalarClass.of(text[start - 1]) == .whitespace { start -= 1 }
            }
            if token.rstrip {
                while end < text.count && ScalarClass.of(text[end]) == .whitespace { end += 1 }
            }
            if start > ordinaryStart { segments.append(Segment(range: ordinaryStart..<start, id: nil)) }
            segments.append(Segment(range: start..<end, id: token.id))
            ordinaryStart = end
            position = end
        }
        if ordinaryStart < text.count { segments.append(Segment(range: ordinaryStart..<text.count, id: nil)) }
        return segments
    }

    private func matches(_ token: Token, in text: [UInt32], at position: Int, normalized: Bool,
                         include: (Token) -> Bool) -> Bool {
        let end = position + token.content.count
        guard token.normalized == normalized, end <= text.count, include(token),
              text[position..<end].elementsEqual(token.content) else { return false }
        if token.singleWord {
            let isWord = { (value: UInt32) in ScalarClass.of(value) == .letter || ScalarClass.of(value) == .number || value == 0x5F }
            if position > 0 && isWord(text[position - 1]) { return false }
            if end < text.count && isWord(text[end]) { return false }
        }
        return true
    }
}
