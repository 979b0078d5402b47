import Charts
import Testing

/// Shared number formatting, hand-worked cases.
@Suite struct NumberFormatTests {
    @Test func percentNeverUsesAnExponent() {
        #expect(NumberFormat.percent(0.9712) == "97.1%")
        #expect(NumberFormat.percent(0.0569) == "5.69%")
        #expect(NumberFormat.percent(0.0004) == "0.04%")
        #expect(NumberFormat.percent(0.000014) == "0.0014%")
        #expect(NumberFormat.percent(1.4e-7) == "0.000014%")
        #expect(NumberFormat.percent(0) == "0%")
    }

    @Test func tickLabelsTakeTheStepsPrecision() {
        #expect(NumberFormat.tick(2_500_000, step: 500_000) == "2.5M")
        #expect(NumberFormat.tick(0.05, step: 0.05) == "0.05")
        #expect(NumberFormat.tick(1e9, step: 1e9) == "1B")
        #expect(NumberFormat.human(124_439_808) == "124.4M")
        #expect(NumberFormat.thousands(124_439_808) == "124,439,808")
    }

    /// Published sizes read as the papers print them ("117M", "1.3B", "1542M" → "1.542B").
    @Test func compactDropsPaddingZeros() {
        #expect(NumberFormat.compact(117e6) == "117M")
        #expect(NumberFormat.compact(1.3e9) == "1.3B")
        #expect(NumberFormat.compact(175e9) == "175B")
        #expect(NumberFormat.compact(1542e6) == "1.542B")
        #expect(NumberFormat.compact(512) == "512")
    }

    /// Issue #17: a NaN or infinite value (a diverged run, a NaN weight's probability) prints as
    /// NaN / +Inf / -Inf everywhere a number goes; each of these trapped or printed "nan%"/"infT".
    @Test func nonFiniteValuesPrintAsNaNOrInf() {
        #expect(NumberFormat.percent(.nan) == "NaN")
        #expect(NumberFormat.percent(.infinity) == "+Inf")
        #expect(NumberFormat.human(.infinity) == "+Inf")
        #expect(NumberFormat.human(-.infinity) == "-Inf")
        #expect(NumberFormat.human(.nan) == "NaN")
        #expect(NumberFormat.tick(.nan, step: 1) == "NaN")
        #expect(NumberFormat.tick(5, step: .nan) == "5")
        #expect(TickFormat.integer.label(.nan, step: 1) == "NaN")
        // Past Int.max (9.2e18) the integer format falls back to the suffix form (Int(1e19) trapped).
        #expect(TickFormat.integer.label(1e19, step: 1) == "10000000.0T")
        #expect(Ticks.log(1, .infinity).isEmpty)
    }
}
