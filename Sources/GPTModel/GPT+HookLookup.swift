
extension GPT {
    /// Parses one hook pattern (an exact name or a `*` glob), throwing with the closest real name when it matches nothing.
    public func checkHookPattern(_ pattern: String) throws(ModelInputError) {
        let names = hookNames
        guard !HookFilter.pattern(pattern, matchesAnyOf: names) else { return }
        let suggestion = names.map(\.description).min { editDistance($0, pattern) < editDistance($1, pattern) }
        throw .unknownHook(name: pattern, suggestion: suggestion)
    }

    /// The hook called `text` in this model.
    public func hookName(_ text: String) throws(ModelInputError) -> HookName {
        if let name = hookNames.first(where: { $0.description == text }) { return name }
        let suggestion = hookNames.map(\.description).min { editDistance($0, text) < editDistance($1, text) }
        throw .unknownHook(name: text, suggestion: suggestion)
    }
}

/// Levenshtein distance over UTF-8 bytes, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    var previous = Array(0 ... y.count)
    var current = previous
    for i in 1 ... max(x.count, 1) where !x.isEmpty {
        current[0] = i
        for j in 1 ..< y.count + 1 {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return x.isEmpty ? y.count : previous[y.count]
}
