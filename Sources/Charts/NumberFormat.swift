import Foundation

/// Number formatting shared by chart ticks, labels and the command-line tables, so a value
/// reads the same on a slide as in the terminal.
public enum NumberFormat {
    /// Groups the digits of an integer in threes: `124439808` → `"124,439,808"`.
    public static func thousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// "NaN", "+Inf" or "-Inf" for a value that is not finite (a diverged run's loss, a NaN
    /// weight's probability), nil for a finite one: tables and figures print it in the number's place.
    public static func notFinite(_ value: Double) -> String? {
        value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : nil
    }

    /// A short human form with a unit suffix: `124439808` → `"124.4M"`, `1.75e11` → `"175.0B"`,
    /// `2048` → `"2.0K"` (K, M, B, T; below 1,000 the plain number).
    ///
    /// - Parameter digits: digits after the decimal point once a suffix is used.
    public static func human(_ value: Double, digits: Int = 1) -> String {
        if let text = notFinite(value) { return text }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        let magnitude = abs(value)
        for (scale, suffix) in units where magnitude >= scale {
            return String(format: "%.\(digits)f", value / scale) + suffix
        }
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.\(digits)f", value)
    }

    /// A round published figure as people write it, without padding zeros: `117e6` → `"117M"`,
    /// `1.3e9` → `"1.3B"`, `175e9` → `"175B"` (up to three decimals, trailing zeros dropped).
    public static func compact(_ value: Double) -> String {
        var text = human(value, digits: 3)
        guard let suffix = text.last, suffix.isLetter, text.contains(".") else { return text }
        text.removeLast()
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + String(suffix)
    }

    /// A tick label for a value on an axis whose ticks are `step` apart: as few digits as the
    /// step needs, with a K/M/B/T suffix for large magnitudes (`0`, `2.5M`, `1B`, `0.05`).
    public static func tick(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        if let text = notFinite(value) { return text }
        // Six decimals would print these as "0" (log axes reach 10⁻⁷ for slow rotary pairs).
        if abs(value) < 1e-6 { return scientific(value) }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        var scale = 1.0
        var suffix = ""
        for (s, u) in units where abs(value) >= s {
            scale = s
            suffix = u
            break
        }
        let scaledStep = abs(step) / scale
        let decimals = scaledStep >= 1 || scaledStep == 0 || !scaledStep.isFinite ? 0 : min(6, Int((-log10(scaledStep)).rounded(.up)))
        var text = String(format: "%.\(decimals)f", value / scale)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + suffix
    }

    /// `1e-7` → "1e-7", `2.5e-8` → "2.5e-8": a tiny tick without a run of zeros (the
    /// fonts have no superscript digits).
    static func scientific(_ value: Double) -> String {
        let exponent = Int(floor(log10(abs(value)) + 1e-9))
        var m = String(format: "%.2f", value / pow(10, Double(exponent)))
        while m.hasSuffix("0") { m.removeLast() }
        if m.hasSuffix(".") { m.removeLast() }
        return "\(m)e\(exponent)"
    }

    /// A probability as a percentage with sensible precision: `0.9712` → `"97.1%"`, `0.0004` → `"0.04%"`,
    /// `1.4e-7` → `"0.000014%"` (two significant digits below 1 %, never an exponent).
    public static func percent(_ p: Double) -> String {
        if let text = notFinite(p) { return text }
        let v = p * 100
        if v >= 10 { return String(format: "%.1f%%", v) }
        if v >= 1 { return String(format: "%.2f%%", v) }
        guard v > 0, v.isFinite else { return v == 0 ? "0%" : String(format: "%.2g%%", v) }
        let decimals = min(12, 1 - Int(floor(log10(v))))
        var text = String(format: "%.\(decimals)f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}
