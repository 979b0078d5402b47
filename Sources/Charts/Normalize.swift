import Foundation

/// Maps data values to 0…1 before a colormap is applied (matplotlib's `Normalize`,
/// `PowerNorm`, `LogNorm` and `CenteredNorm`). NaN has no colour and is drawn as "masked".
///
/// | kind            | position of `v` in 0…1                        | e.g. vmin 0, vmax 1        |
/// |-----------------|-----------------------------------------------|----------------------------|
/// | `linear`        | (v − vmin) / (vmax − vmin)                    | 0.25 → 0.25                |
/// | `power(0.5)`    | ((v − vmin) / (vmax − vmin))^0.5 (square root) | 0.25 → 0.5, 0.01 → 0.1     |
/// | `log` (vmin > 0)| (log v − log vmin) / (log vmax − log vmin)    | vmin 1e-4: 0.01 → 0.5      |
///
/// Values outside vmin…vmax clamp to the ends, so a log floor (vmin) is the darkest colour of
/// everything at or below it.
public struct Normalize: Sendable, Hashable {
    /// Linear, a power of the linear position (γ < 1 spreads out small values), logarithmic,
    /// or linear and symmetric around a centre value.
    public enum Kind: Sendable, Hashable { case linear, power(Double), log, centered(Double) }
    /// The mapping kind.
    public var kind: Kind
    /// The value mapped to 0.
    public var vmin: Double
    /// The value mapped to 1.
    public var vmax: Double

    /// Linear from `vmin` (0) to `vmax` (1).
    public static func linear(_ vmin: Double, _ vmax: Double) -> Normalize {
        Normalize(kind: .linear, vmin: vmin, vmax: vmax)
    }

    /// The linear position raised to `gamma` (matplotlib's `PowerNorm`): `gamma` 0.5 is the
    /// square root, which lifts small values (0.01 → 0.1 of the bar) but keeps 0 at 0.
    public static func power(_ gamma: Double, _ vmin: Double, _ vmax: Double) -> Normalize {
        Normalize(kind: .power(gamma > 0 && gamma.isFinite ? gamma : 1), vmin: vmin, vmax: vmax)
    }

    /// Logarithmic from `vmin` to `vmax` (both > 0).
    public static func log(_ vmin: Double, _ vmax: Double) -> Normalize {
        Normalize(kind: .log, vmin: max(vmin, 1e-300), vmax: max(vmax, 1e-300))
    }

    /// Symmetric around `center` with `center ± halfRange` at the ends, so `center` maps to 0.5
    /// (the neutral colour of a diverging map).
    public static func centered(at center: Double = 0, halfRange: Double) -> Normalize {
        let h = halfRange > 0 ? halfRange : 1
        return Normalize(kind: .centered(center), vmin: center - h, vmax: center + h)
    }

    /// A normalisation fitted to the finite values in `values` (`centered` uses the largest
    /// distance from the centre; `log` ignores non-positive values).
    public static func fitted(to values: [Double], kind: Kind = .linear) -> Normalize {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (kind != .log || v > 0) {
            lo = min(lo, v); hi = max(hi, v)
        }
        if lo > hi { lo = 0; hi = 1 }
        switch kind {
        case .linear: return .linear(lo, hi)
        case .power(let g): return .power(g, lo, hi)
        case .log: return .log(lo, hi)
        case .centered(let c): return .centered(at: c, halfRange: max(abs(lo - c), abs(hi - c)))
        }
    }

    /// The position of `value` in 0…1 (clamped), or nil for NaN (masked).
    public func callAsFunction(_ value: Double) -> Double? {
        guard !value.isNaN else { return nil }
        let t: Double
        switch kind {
        case .linear, .centered:
            t = vmax == vmin ? 0.5 : (value - vmin) / (vmax - vmin)
        case .power(let gamma):
            let x = vmax == vmin ? 0.5 : (value - vmin) / (vmax - vmin)
            t = x <= 0 ? 0 : Foundation.pow(min(x, 1), gamma)
        case .log:
            guard value > 0 else { return 0 }
            let lo = Foundation.log10(vmin), hi = Foundation.log10(vmax)
            t = hi == lo ? 0.5 : (Foundation.log10(value) - lo) / (hi - lo)
        }
        // ±∞ (or a degenerate range) clamps instead of reaching an integer conversion as NaN.
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        return min(1, max(0, t))
    }

    /// The scale a colorbar uses to choose tick values (positions go through the mapping itself).
    public var scale: Scale {
        kind == .log ? .log(vmin...vmax) : .linear(vmin...vmax)
    }

    /// The ticks a colorbar shows, at true data values; place each at `self(value)` along the
    /// bar. Linear kinds get nice 1-2-5 steps and `log` decades. `power` spreads its ticks evenly
    /// along the bar, not the data: the values at 0, 1/target, 2/target, … of the bar, rounded to
    /// one significant digit (square root of 0…1, target 5: 0, 0.04, 0.2, 0.4, 0.6, 1), so the
    /// stretched low end is labelled as well as the crowded top.
    public func ticks(target: Int = 5, format: TickFormat = .automatic) -> [Tick] {
        guard case .power(let gamma) = kind, vmax > vmin else { return scale.ticks(target: target, format: format).filter(\.isMajor) }
        let n = max(1, target)
        var values: [Double] = []
        for i in 0...n {
            // The inverse of the mapping: t = x^γ, so x = t^(1/γ).
            let x = Foundation.pow(Double(i) / Double(n), 1 / gamma)
            let v = i == 0 ? vmin : i == n ? vmax : Self.oneDigit(vmin + x * (vmax - vmin))
            if v >= vmin, v <= vmax, values.last.map({ v > $0 }) ?? true { values.append(v) }
        }
        return values.map { v in
            let magnitude = v == 0 ? 1 : Foundation.pow(10, Foundation.floor(Foundation.log10(abs(v)) + 1e-9))
            return Tick(value: v, label: format.label(v, step: magnitude))
        }
    }

    /// `v` rounded to one significant digit (0.36 → 0.4, 0.0391 → 0.04).
    static func oneDigit(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(abs(v))))
        let digit = (v / magnitude).rounded()
        // Dividing by 10ⁿ (exact) instead of multiplying by 10⁻ⁿ (inexact) keeps 0.6 from
        // becoming 0.6000000000000001.
        return magnitude < 1 ? digit / (1 / magnitude).rounded() : digit * magnitude
    }
}
