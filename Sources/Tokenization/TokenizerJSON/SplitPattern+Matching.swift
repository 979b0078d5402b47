extension SplitPattern {
    /// The non-overlapping matches in `text[from..<to]`, leftmost first, as Oniguruma's search
    /// finds them (the first alternative that leads to a match wins, not the longest).
    /// Empty matches are skipped: the patterns in tokenizer files never need them.
    func matches(in text: [UInt32], from: Int = 0, to: Int? = nil) -> [Range<Int>] {
        let end = to ?? text.count
        var found: [Range<Int>] = []
        text.withUnsafeBufferPointer { buffer in
            let matcher = Matcher(text: buffer, end: end)
            var start = from
            while start < end {
                var matchEnd = -1
                _ = matcher.match(root, start) { position in
                    matchEnd = position
                    return true
                }
                if matchEnd > start {
                    found.append(start..<matchEnd)
                    start = matchEnd
                } else {
                    start += 1
                }
            }
        }
        return found
    }
}

/// Backtracking over one text: each node is matched at a position and hands every end it can
/// reach, in priority order, to a continuation until one returns true.
private struct Matcher {
    let text: UnsafeBufferPointer<UInt32>
    let end: Int

    func match(_ node: SplitPattern.Node, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        switch node {
        case let .scalar(value, caseless):
            guard position < end, Matcher.equal(text[position], value, caseless: caseless) else { return false }
            return next(position + 1)
        case let .set(set):
            guard position < end, set.contains(text[position], caseless: false) else { return false }
            return next(position + 1)
        case let .sequence(nodes):
            return matchSequence(nodes[...], position, next)
        case let .choice(options):
            for option in options where match(option, position, next) { return true }
            return false
        case let .lookahead(body, negative):
            let found = match(body, position) { _ in true }
            return found != negative && next(position)
        case let .repetition(body, low, high, lazy):
            if let width = singleScalarTest(body) {
                return repeatScalars(width, position, low, high, lazy, next)
            }
            return repeatNode(body, position, count: 0, low, high, lazy, next)
        }
    }

    private func matchSequence(_ nodes: ArraySlice<SplitPattern.Node>, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        guard let first = nodes.first else { return next(position) }
        return match(first, position) { after in matchSequence(nodes.dropFirst(), after, next) }
    }

    /// For a node that always consumes exactly one scalar, its test; repetitions of such nodes
    /// (`\p{L}+`, `\s*`, `[^\r\n]{1,3}`) are matched by counting, so a long run costs no recursion.
    private func singleScalarTest(_ node: SplitPattern.Node) -> ((UInt32) -> Bool)? {
        switch node {
        case let .scalar(value, caseless): return { Matcher.equal($0, value, caseless: caseless) }
        case let .set(set): return { set.contains($0, caseless: false) }
        default: return nil
        }
    }

    private func repeatScalars(_ test: (UInt32) -> Bool, _ position: Int, _ low: Int, _ high: Int, _ lazy: Bool,
                               _ next: (Int) -> Bool) -> Bool {
        var count = 0
        while count < high, position + count < end, test(text[position + count]) { count += 1 }
        guard count >= low else { return false }
        if lazy {
            for n in low...count where next(position + n) { return true }
        } else {
            for n in stride(from: count, through: low, by: -1) where next(position + n) { return true }
        }
        return false
    }

    private func repeatNode(_ body: SplitPattern.Node, _ position: Int, count: Int, _ low: Int, _ high: Int,
                            _ lazy: Bool, _ next: (Int) -> Bool) -> Bool {
        let enough = count >= low
        if lazy && enough && next(position) { return true }
        if count < high {
            let more = match(body, position) { after in
                // An iteration that consumes nothing would repeat forever.
                after > position && repeatNode(body, after, count: count + 1, low, high, lazy, next)
            }
            if more { return true }
        }
        return !lazy && enough && next(position)
    }

    /// Equality, or with `caseless` equality after simple case folding (as Oniguruma folds:
    /// `S` and long `ſ` both match `s`, the Kelvin sign matches `k`).
    static func equal(_ a: UInt32, _ b: UInt32, caseless: Bool) -> Bool {
        a == b || (caseless && fold(a) == fold(b))
    }

    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value + 0x20 : value }
        if value == 0x17F { return 0x73 }  // ſ
        if value == 0x212A { return 0x6B }  // Kelvin sign
        guard let scalar = Unicode.Scalar(value) else { return value }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first?.value ?? value : value
    }
}
