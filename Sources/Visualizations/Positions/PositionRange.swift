import Foundation

/// Ranges of positions written as Python slices, `A:B` (A up to but not including B), as the
/// `--range` options take them.
public enum PositionRange {
    /// Parses `A:B`, `A:` or `:B` against `count` positions; both ends must lie in 0…count
    /// and the range must not be empty.
    public static func parse(_ text: String, count: Int) throws(PositionalEncodingError) -> Range<Int> {
        let (lower, upper) = try bounds(text)
        let a = lower ?? 0, b = upper ?? count
        guard a >= 0, b <= count, a < b else { throw .rangeOutside(lower: a, upper: b, positions: count) }
        return a..<b
    }

    /// Checks the syntax only (for a command's `validate()`): `nil` ends are open.
    public static func bounds(_ text: String) throws(PositionalEncodingError) -> (Int?, Int?) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { throw .malformedRange(text) }
        func end(_ s: String) throws(PositionalEncodingError) -> Int? {
            if s.isEmpty { return nil }
            guard let v = Int(s), v >= 0 else { throw .malformedRange(text) }
            return v
        }
        return (try end(parts[0]), try end(parts[1]))
    }
}
