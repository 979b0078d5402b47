import Foundation

/// Maps data values to a 0…1 position along an axis: linear, logarithmic (base 10) or
/// categorical bands (category i occupies [i, i + 1], its centre at i + 0.5).
public struct Scale: Sendable, Hashable {
    /// The kind of mapping.
    public enum Kind: Sendable, Hashable { case linear, log, band }
    /// The kind of mapping.
    public var kind: Kind
    /// The visible data range (for bands: 0...count).
    public var domain: ClosedRange<Double>
    /// Category names (bands only).
    public var categories: [String]

    /// A linear scale over `domain`.
    public static func linear(_ domain: ClosedRange<Double>) -> Scale {
        Scale(kind: .linear, domain: domain, categories: [])
    }

    /// A base-10 log scale over `domain` (both ends must be positive).
    public static func log(_ domain: ClosedRange<Double>) -> Scale {
        Scale(kind: .log, domain: max(domain.lowerBound, 1e-300)...max(domain.upperBound, 1e-300), categories: [])
    }

    /// A band scale with one band per category.
    public static func band(_ categories: [String]) -> Scale {
        Scale(kind: .band, domain: 0...Double(max(1, categories.count)), categories: categories)
    }

    /// The position of `value` as a fraction of the axis (0 at the domain's lower end). Non-positive
    /// values on a log scale map to the lower end.
    public func fraction(_ value: Double) -> Double {
        switch kind {
        case .linear, .band:
            let span = domain.upperBound - domain.lowerBound
            return span == 0 ? 0.5 : (value - domain.lowerBound) / span
        case .log:
            let lo = log10(domain.lowerBound), hi = log10(domain.upperBound)
            guard value > 0 else { return 0 }
            return hi == lo ? 0.5 : (log10(value) - lo) / (hi - lo)
        }
    }

    /// The ticks for this scale: about `target` nice linear steps, decades for log; for bands
    /// every k-th category, k the 1-2-5 step at least `bandStride`, plus the last
    /// (`Ticks.bandIndices`). Ticks outside the domain are dropped.
    public func ticks(target: Int = 5, bandStride: Int = 1, format: TickFormat = .automatic) -> [Tick] {
        switch kind {
        case .band:
            return Ticks.bandIndices(count: categories.count, minimumStride: bandStride).map {
                Tick(value: Double($0) + 0.5, label: categories[$0])
            }
        case .linear:
            let (values, step) = Ticks.linear(domain.lowerBound, domain.upperBound, target: target)
            let eps = step * 1e-6
            return values.filter { $0 >= domain.lowerBound - eps && $0 <= domain.upperBound + eps }
                .map { Tick(value: $0, label: format.label($0, step: step)) }
        case .log:
            let eps = 1e-9
            return Ticks.log(domain.lowerBound, domain.upperBound).filter {
                $0.value >= domain.lowerBound * (1 - eps) && $0.value <= domain.upperBound * (1 + eps)
            }.map { t in
                t.isMajor && format != .automatic ? Tick(value: t.value, label: format.label(t.value, step: t.value)) : t
            }
        }
    }

    /// A scale of `kind` fitted to data in `range`: linear ranges are widened to nice tick
    /// bounds (and to 0 when `includeZero`), log ranges to whole decades.
    public static func fitted(_ kind: Kind, to range: ClosedRange<Double>?, includeZero: Bool = false) -> Scale {
        switch kind {
        case .band:
            return .band([])
        case .linear:
            var lo = range?.lowerBound ?? 0, hi = range?.upperBound ?? 1
            if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
            let (values, _) = Ticks.linear(lo, hi, target: 5)
            return .linear((values.first ?? lo)...(values.last ?? hi))
        case .log:
            let lo = max(range?.lowerBound ?? 1, 1e-300), hi = max(range?.upperBound ?? 10, lo)
            let a = pow(10, floor(log10(lo) + 1e-9)), b = pow(10, ceil(log10(hi) - 1e-9))
            return .log(a...(b > a ? b : a * 10))
        }
    }
}

/// How tick labels are written.
public enum TickFormat: Sendable, Hashable {
    /// `NumberFormat.tick`: as few digits as the step needs, K/M/B/T suffixes.
    case automatic
    /// Fractions as percentages with as few digits as the step needs (0.25 → "25%").
    case percent
    /// Plain integers with thousands separators (for positions, layers).
    case integer

    /// The label for `value` on an axis whose ticks are `step` apart.
    public func label(_ value: Double, step: Double) -> String {
        switch self {
        case .automatic: return NumberFormat.tick(value, step: step)
        case .percent: return NumberFormat.tick(value * 100, step: step * 100) + "%"
        case .integer: return NumberFormat.notFinite(value) ?? (abs(value) < 0x1p62 ? NumberFormat.thousands(Int(value.rounded())) : NumberFormat.human(value))
        }
    }
}
