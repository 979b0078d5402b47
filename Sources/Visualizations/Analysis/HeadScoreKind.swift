/// The kinds of head behaviour scored by `HeadScores`: previous-token, first-token (BOS /
/// attention sink), current-token, duplicate-token and induction.
public enum HeadScoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Attends to the previous position.
    case previousToken = "previous-token"
    /// Attends to the first position (BOS / attention sink).
    case firstToken = "first-token"
    /// Attends to itself (the diagonal).
    case currentToken = "current-token"
    /// Attends to earlier occurrences of the current token.
    case duplicateToken = "duplicate-token"
    /// Attends to the token right after an earlier occurrence of the current token.
    case induction

    public var description: String { rawValue }

    /// "a" or "an", for "a previous-token head" and "an induction head".
    public static func indefiniteArticle(before word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    /// Whether the targets depend on the token ids (the prompt must repeat itself).
    public var needsRepeats: Bool { self == .duplicateToken || self == .induction }

    /// One scored query and the keys an ideal head of the kind puts all of its attention on.
    public struct Target: Sendable, Equatable {
        /// The query position.
        public let query: Int
        /// The target keys, ascending, all at or before `query`.
        public let keys: [Int]

        /// A query and its target keys.
        public init(query: Int, keys: [Int]) {
            self.query = query
            self.keys = keys
        }
    }

    /// The scored queries and their targets, by query:
    /// - previous-token: queries 1…T-1, key q-1;
    /// - first-token: queries 1…T-1, key 0 (query 0 can only look at itself, so it is not scored);
    /// - current-token: queries 1…T-1, key q;
    /// - duplicate-token: queries whose token occurred earlier, keys = those earlier occurrences;
    /// - induction: queries whose token occurred earlier at k < q-1, keys = each such k+1 (the
    ///   token that followed it last time; k = q-1 would point at the query itself).
    ///
    /// `repeatQueries` limits the duplicate-token and induction queries to a range, e.g. the
    /// second copy of a repeated random sequence, so that chance repeats elsewhere do not count.
    public func targets(ids: [Int], repeatQueries: Range<Int>? = nil) -> [Target] {
        let t = ids.count
        guard t > 1 else { return [] }
        switch self {
        case .previousToken: return (1..<t).map { Target(query: $0, keys: [$0 - 1]) }
        case .firstToken: return (1..<t).map { Target(query: $0, keys: [0]) }
        case .currentToken: return (1..<t).map { Target(query: $0, keys: [$0]) }
        case .duplicateToken, .induction:
            // Earlier positions of every id seen so far, in one pass: O(T + hits).
            var seen: [Int: [Int]] = [:]
            var result: [Target] = []
            for q in 0..<t {
                let earlier = seen[ids[q], default: []]
                seen[ids[q], default: []].append(q)
                if let r = repeatQueries, !r.contains(q) { continue }
                let keys = self == .duplicateToken ? earlier : earlier.filter { $0 + 1 < q }.map { $0 + 1 }
                if !keys.isEmpty { result.append(Target(query: q, keys: keys)) }
            }
            return result
        }
    }
}
