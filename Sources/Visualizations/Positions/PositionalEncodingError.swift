/// Bad inputs of the positional-encoding tables and figures.
public enum PositionalEncodingError: Error, Equatable, CustomStringConvertible {
    /// `d_model` is zero, negative or odd (sine and cosine come in pairs).
    case invalidModelWidth(Int)
    /// No positions, or a negative count.
    case invalidPositionCount(Int)
    /// A range of positions outside the table.
    case rangeOutside(lower: Int, upper: Int, positions: Int)
    /// A dimension index outside the table.
    case dimensionOutside(Int, dimensions: Int)
    /// Two tables to compare have different numbers of dimensions.
    case widthMismatch(Int, Int)
    /// A `--range` that is not `A:B`.
    case malformedRange(String)

    public var description: String {
        switch self {
        case .invalidModelWidth(let d):
            return "--d-model must be a positive even number (sine and cosine come in pairs), got \(d); try --d-model 512"
        case .invalidPositionCount(let p):
            return "--positions must be at least 1, got \(p); try --positions 100"
        case let .rangeOutside(lower, upper, positions):
            return "positions \(lower):\(upper) are not inside 0:\(positions); give --range A:B with 0 ≤ A < B ≤ \(positions)"
        case let .dimensionOutside(d, dimensions):
            return "dimension \(d) does not exist (the table has dimensions 0…\(dimensions - 1)); pick dimensions in that range"
        case .malformedRange(let text):
            return "--range must look like A:B (positions A up to but not including B, e.g. 0:64, 100:, :32), got '\(text)'"
        case let .widthMismatch(a, b):
            return "cannot compare tables of \(a) and \(b) dimensions; build the sinusoidal table with the model's width"
        }
    }
}
