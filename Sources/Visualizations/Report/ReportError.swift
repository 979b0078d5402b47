/// Why a report could not be written. Descriptions are one line naming the problem and the fix.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A layer asked for does not exist.
    case layerOutOfRange(layer: Int, layerCount: Int)
    /// No figure format was asked for, or one the page cannot show.
    case noRasterFormat
    /// A figure could not be built or written.
    case figureFailed(stem: String, reason: String)
    /// A figure needs an activation the analysis did not record.
    case missingHook(String)

    /// What the user can do about the error, for a front end to phrase with its own options.
    public enum Hint: Equatable, Sendable {
        /// Include PNG among the figure formats (the page shows PNG images).
        case includePNG
    }

    /// The fix, when there is one a front end can phrase with its options.
    public var hint: Hint? {
        self == .noRasterFormat ? .includePNG : nil
    }

    public var description: String {
        switch self {
        case .layerOutOfRange(let layer, let layerCount):
            return "layer \(layer) does not exist; this model has layers 0–\(layerCount - 1)"
        case .noRasterFormat:
            return "the page needs PNG figures; include png among the figure formats (e.g. png,svg)"
        case .figureFailed(let stem, let reason):
            return "could not draw \(stem): \(reason)"
        case .missingHook(let name):
            return "the activation \(name) was not recorded; run the prompt with every hook recorded (HookFilter.everything)"
        }
    }
}
