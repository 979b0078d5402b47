import FileAccess

/// Reader for Hugging Face `merges.txt`: an optional `#version` line, then one `left right`
/// pair per line, highest priority first, both written in GPT-2's byte alphabet. Windows line
/// endings and a byte order mark are accepted (``TextLines``).
enum MergesFile {
    /// One merge rule.
    struct Entry {
        var left: String
        var right: String
        var line: Int
    }

    /// Parses the whole file; `name` is used in error messages.
    static func parse(_ data: UnsafeBufferPointer<UInt8>, name: String) throws(TokenizerError) -> [Entry] {
        if let problem = InvalidUTF8.find(in: data) {
            throw .notUTF8(file: name, problem)
        }
        var entries: [Entry] = []
        for line in TextLines(data) where !line.bytes.isEmpty {
            let text = line.text
            if line.number == 1 && text.hasPrefix("#version") { continue }
            let parts = text.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .malformedLine(file: name, line: line.number,
                                     problem: "expected two tokens separated by one space, found '\(text)'")
            }
            entries.append(Entry(left: String(parts[0]), right: String(parts[1]), line: line.number))
        }
        return entries
    }
}
