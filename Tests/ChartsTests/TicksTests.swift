@testable import Charts
import Testing

/// Tick placement against hand-worked cases.
@Suite struct TicksTests {
    @Test func niceStepRoundsUpToOneTwoFive() {
        #expect(Ticks.niceStep(19.4) == 20)
        #expect(Ticks.niceStep(0.23) == 0.5)
        #expect(Ticks.niceStep(3) == 5)
        #expect(Ticks.niceStep(7) == 10)
        #expect(Ticks.niceStep(1) == 1)
        #expect(Ticks.niceStep(1.2e8) == 2e8)
    }

    @Test func linearTicksEncloseTheRange() {
        // 0…97 with about five intervals: raw step 19.4 → 20.
        #expect(Ticks.linear(0, 97, target: 5).values == [0, 20, 40, 60, 80, 100])
        #expect(Ticks.linear(0, 1, target: 5).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.linear(-0.8, 0.8, target: 4).values == [-1, -0.5, 0, 0.5, 1])
        // Raw step 24.9M → the next 1-2-5 step is 50M.
        #expect(Ticks.linear(0, 124_439_808, target: 5).values == [0, 50e6, 100e6, 150e6])
    }

    @Test func logTicksAreDecades() {
        let ticks = Ticks.log(1e6, 2e11)
        let majors = ticks.filter(\.isMajor)
        #expect(majors.map(\.value) == [1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12])
        #expect(majors.map(\.label) == ["1M", "10M", "100M", "1B", "10B", "100B", "1T"])
        // Two decades: minor ticks at 2× and 5×.
        let short = Ticks.log(10, 1000)
        #expect(short.filter { !$0.isMajor }.map(\.value) == [20, 50, 200, 500])
    }

    @Test func scaleFitsDataToNiceBounds() {
        let linear = Scale.fitted(.linear, to: 3...97, includeZero: true)
        #expect(linear.domain == 0...100)
        let log = Scale.fitted(.log, to: 1.17e8...1.75e11)
        #expect(log.domain == 1e8...1e12)
        #expect(abs(log.fraction(1e10) - 0.5) < 1e-12)
        // Stride 2 over four bands: "c" would crowd the always-labelled last band "d".
        #expect(Scale.band(["a", "b", "c", "d"]).ticks(bandStride: 2).map(\.label) == ["a", "d"])
    }

    @Test func thinnedBandsKeepRoundStepsAndBothEnds() {
        // Every label needs 7 bands: step 10 (the next 1-2-5), 120 is 7 from 127 so both stay.
        #expect(Ticks.bandIndices(count: 128, minimumStride: 7) == Array(stride(from: 0, through: 120, by: 10)) + [127])
        // 22 bands, stride 3 → step 5: 20 is 1 from the last (21) and gives way to it.
        #expect(Ticks.bandIndices(count: 22, minimumStride: 3) == [0, 5, 10, 15, 21])
        // The last band on the step already: no duplicate.
        #expect(Ticks.bandIndices(count: 21, minimumStride: 2) == Array(stride(from: 0, through: 20, by: 2)))
        // Room for every label, and room for only one: never none.
        #expect(Ticks.bandIndices(count: 5, minimumStride: 1) == [0, 1, 2, 3, 4])
        #expect(Ticks.bandIndices(count: 2, minimumStride: 5) == [0])
        // 1000 sits 23 < 30 bands from 1023 and gives way.
        #expect(Ticks.bandIndices(count: 1024, minimumStride: 30) == Array(stride(from: 0, through: 950, by: 50)) + [1023])
    }

    @Test func tickLabelsUseUnitSuffixes() {
        let scale = Scale.linear(0...2e9)
        #expect(scale.ticks(target: 4).map(\.label) == ["0", "500M", "1B", "1.5B", "2B"])
        #expect(Scale.linear(0...1).ticks(target: 5, format: .percent).map(\.label) == ["0%", "20%", "40%", "60%", "80%", "100%"])
    }
}
