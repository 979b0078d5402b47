/// Work refused before it allocated anything because its estimate exceeds the memory available.
public enum MemoryError: Error, CustomStringConvertible, Equatable {
    /// `estimate` needs more than `availableBytes`.
    case exceedsAvailable(estimate: MemoryEstimate, availableBytes: Double)

    /// One line: what is needed, for what, what is available, and what to change.
    public var description: String {
        switch self {
        case let .exceedsAvailable(estimate, available):
            let hints = estimate.hints.map(\.description)
            return "this needs about \(MemoryEstimate.format(estimate.bytes)) (\(estimate.subject)) but "
                + "\(MemoryEstimate.format(available)) is available" + (hints.isEmpty ? "" : "; " + hints.joined(separator: " or "))
        }
    }
}
