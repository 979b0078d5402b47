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
    /// A range that is not written `A:B`.
    case malformedRange(String)

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Use a positive even model width, such as `example`.
        case chooseModelWidth(example: Int)
        /// Use a positive number of positions, such as `example`.
        case choosePositionCount(example: Int)
        /// Give a range `A:B` with `0 ≤ A < B ≤ upperBound`.
        case chooseRange(upperBound: Int)
        /// Write the range as `A:B`.
        case writeRange
    }

    /// The fix, when there is one a front end can phrase with its options.
    public var hint: Hint? {
        switch self {
        case .invalidModelWidth: return .chooseModelWidth(example: 512)
        case .invalidPositionCount: return .choosePositionCount(example: 100)
        case let .rangeOutside(_, _, positions): return .chooseRange(upperBound: positions)
        case .malformedRange: return .writeRange
        case .dimensionOutside, .widthMismatch: return nil
        }
    }

    public var description: String {
        switch self {
        case .invalidModelWidth(let d):
            return "the model width must be a positive even number (sine and cosine come in pairs), got \(d); try 512"
        case .invalidPositionCount(let p):
            return "the number of positions must be at least 1, got \(p); try 100"
        case let .rangeOutside(lower, upper, positions):
            return "positions \(lower):\(upper) are not inside 0:\(positions); give a range A:B with 0 ≤ A < B ≤ \(positions)"
        case let .dimensionOutside(d, dimensions):
            return "dimension \(d) does not exist (the table has dimensions 0…\(dimensions - 1)); pick dimensions in that range"
        case .malformedRange(let text):
            return "a range must look like A:B (positions A up to but not including B, e.g. 0:64, 100:, :32), got '\(text)'"
        case let .widthMismatch(a, b):
            return "cannot compare tables of \(a) and \(b) dimensions; build the sinusoidal table with the model's width"
        }
    }
}
