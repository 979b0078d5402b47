import ArgumentParser
import Charts
import Experiments
import Foundation
import GPTModel

/// What the experiment commands (`ablate`, `patch`, `attribute`, `circuits`, `run --ablate`) share:
/// reading a token given as text or id, heads as `L.H`, and writing a chart.
enum ExperimentInput {
    /// `text` as one token id: an integer is taken as an id, anything else must tokenize to exactly one token.
    static func token(_ text: String, option: String, session: ModelSession) throws -> Int {
        if let id = Int(text.trimmingCharacters(in: .whitespaces)) {
            guard id >= 0 && id < session.model.configuration.vocabularySize else {
                throw ValidationError("\(option) id \(id) is outside the vocabulary 0..<\(session.model.configuration.vocabularySize)")
            }
            return id
        }
        let ids = try session.uncheckedTokens(prompt: text, ids: nil, truncate: false)
        guard ids.count == 1 else {
            let shown = ids.map(session.quoted).joined(separator: " ")
            throw ValidationError("\(option) '\(text)' is \(ids.count) tokens (\(shown)), not one; give one token (often with a leading space, e.g. ' Mary') or its id")
        }
        return ids[0]
    }

    /// A prompt given as text or ids (`--NAME` / `--NAME-ids`).
    static func prompt(text: String?, ids: String?, name: String, session: ModelSession) throws -> [Int] {
        guard (text == nil) != (ids == nil) else { throw ValidationError("give exactly one of --\(name) TEXT and --\(name)-ids IDS") }
        return try session.tokens(prompt: text, ids: ids, truncate: false)
    }

    /// Comma-separated `L.H` heads, each checked against the model.
    static func heads(_ text: String, configuration: GPTConfiguration) throws -> [HeadIndex] {
        let heads = try text.split(separator: ",").map { try HeadIndex(parsing: String($0)) }
        guard !heads.isEmpty else { throw ExperimentError.malformedHead(text) }
        for head in heads { try head.check(in: configuration) }
        return heads
    }

    /// Throws unless `path` names a .png, .svg or .pdf file.
    /// Writes `figure` to `path` (through a temporary file), creating the folder.
    static func write(_ figure: Figure, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try figure.write(to: url)
        print("Wrote \(path)")
    }

    /// Position labels for a token axis: `3 ␣Mary` (tokens shortened to 10 characters).
    static func labels(_ ids: [Int], session: ModelSession) -> [String] {
        ids.enumerated().map { p, id in
            let text = session.text(of: id).replacingOccurrences(of: " ", with: "␣").replacingOccurrences(of: "\n", with: "⏎")
            return "\(p) " + (text.count > 10 ? String(text.prefix(9)) + "…" : text)
        }
    }

    /// `logit(' Mary') − logit(' John') at position 14`.
    static func metricLine(_ metric: LogitDifference, position: Int, session: ModelSession) -> String {
        "metric: logit(\(session.quoted(metric.answer))) − logit(\(session.quoted(metric.wrong))) at position \(position)"
    }
}
