import ArgumentParser
import Charts

/// Comma-separated option values (`--layers 0,5,11`, `--formats png,svg`), parsed one way for
/// every command so they accept the same spellings and fail with the same kind of line.
enum ListOption {
    /// Whole numbers from 0, e.g. "1,4,7"; `problem` is the error's text before "; got '…'".
    static func naturalNumbers(_ text: String, problem: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, !values.isEmpty, values.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("\(problem); got '\(text)'")
        }
        return values
    }

    /// Finite numbers ≥ 0, e.g. "0.5,1,2" (temperatures); `problem` as for ``naturalNumbers(_:problem:)``.
    static func nonNegativeNumbers(_ text: String, problem: String) throws -> [Double] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Double($0) }
        guard values.count == parts.count, !values.isEmpty, values.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ValidationError("\(problem); got '\(text)'")
        }
        return values
    }

    /// Output formats, each once, in the order given.
    static func formats(_ text: String) throws -> [OutputFormat] {
        var result: [OutputFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = OutputFormat(rawValue: part) else {
                throw ValidationError("--formats takes png, svg and pdf, comma-separated; '\(part)' is none of them")
            }
            if !result.contains(format) { result.append(format) }
        }
        return result
    }
}
