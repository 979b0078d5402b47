/// Which hooks to record: none, all, or those matching any of a list of `*` globs.
///
/// `*` matches any run of characters, including dots: `blocks.*.attn.hook_pattern` selects every
/// layer's attention pattern, `blocks.0.*` everything in block 0, `*` everything but the scores.
///
/// `hook_attn_scores` (the scaled pre-softmax scores, `[NH, T, S]` like the pattern) is recorded
/// only by a pattern that spells its name (`blocks.*.attn.hook_attn_scores`, `*attn_scores`):
/// the softmax then runs in place in the scores' storage instead of keeping both, which at long
/// contexts is the largest single saving of memory and time (the pattern, which transformers'
/// `output_attentions` returns, is recorded by `*` as usual). ``everything`` adds the scores.
public struct HookFilter: Sendable, Equatable {
    /// The glob patterns; empty records nothing.
    public let patterns: [String]

    /// Records nothing (the default; costs nothing).
    public static let none = HookFilter(patterns: [])
    /// Records every hook but `hook_attn_scores` (see above).
    public static let all = HookFilter(patterns: ["*"])
    /// Records every hook, the attention scores included.
    public static let everything = HookFilter(patterns: ["*", "*hook_attn_scores"])

    /// A filter from glob patterns.
    public init(patterns: [String]) {
        self.patterns = patterns
    }

    /// A filter selecting exactly these hooks.
    public init(_ names: [HookName]) {
        self.patterns = names.map(\.description)
    }

    /// Whether this filter records nothing at all.
    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether `name` is selected (`hook_attn_scores` only by a pattern that names it).
    public func matches(_ name: HookName) -> Bool {
        guard !patterns.isEmpty else { return false }
        let text = Array(name.description.utf8)
        let byName = Self.isNamedOnly(name)
        return patterns.contains { (!byName || $0.contains(Self.scoresName)) && Self.glob(Array($0.utf8)[...], text[...]) }
    }

    /// The hook suffix a pattern must spell to record the attention scores.
    static let scoresName = "attn_scores"

    /// Whether `name` is recorded only when a pattern names it (the attention scores).
    @inline(__always)
    static func isNamedOnly(_ name: HookName) -> Bool {
        if case .attnScores = name { return true }
        return false
    }

    /// Whether a pattern selects at least one of `names` (to reject typos like `blocks.*.hook_patern`).
    public static func pattern(_ pattern: String, matchesAnyOf names: [HookName]) -> Bool {
        let p = Array(pattern.utf8)
        return names.contains { glob(p[...], Array($0.description.utf8)[...]) }
    }

    /// Iterative glob match with backtracking to the last `*`.
    static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        let p = Array(pattern), s = Array(text)
        var i = 0, j = 0, star = -1, mark = 0
        while j < s.count {
            if i < p.count, p[i] != UInt8(ascii: "*"), p[i] == s[j] {
                i += 1; j += 1
            } else if i < p.count, p[i] == UInt8(ascii: "*") {
                star = i; mark = j; i += 1
            } else if star >= 0 {
                i = star + 1; mark += 1; j = mark
            } else {
                return false
            }
        }
        while i < p.count, p[i] == UInt8(ascii: "*") { i += 1 }
        return i == p.count
    }
}
