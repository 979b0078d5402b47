import Charts
import Foundation
import Testing
import Visualizations

/// The pictures of training on a synthetic run whose heads form known patterns; expected
/// scores are worked out by hand from the synthetic patterns.
struct TrainingFiguresTests {
    /// H_n, the n-th harmonic number.
    static func harmonic(_ n: Int) -> Double { (1...n).reduce(0) { $0 + 1 / Double($1) } }

    @Test func decodesTheLogAndItsBaselines() throws {
        let folder = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try TrainingHistory.load(runFolder: folder)
        #expect(history.steps.count == 50)
        #expect(history.evaluations.map(\.step) == SyntheticTrainingRun.snapshotSteps)
        #expect(history.unigramEntropy == 4.0)
        #expect(abs(history.uniformLoss - log(100)) < 1e-12)
        #expect(history.probe?.repeatedRange == 8..<24)
        #expect(history.shape.name == "synthetic")
    }

    @Test func scoresMatchHandWorkedValuesAndPickTheFormingHeads() throws {
        let folder = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try TrainingHistory.load(runFolder: folder)
        let scores = try TrainingProbeScores.compute(history: history, runFolder: folder)
        #expect(scores.steps == SyntheticTrainingRun.snapshotSteps)
        let prev = scores.series(TrainingHead(layer: 0, head: 1, kind: .previousToken))
        // Queries 1…23 are scored; a uniform row q gives 1/(q+1) to its previous token.
        let uniform = (Self.harmonic(24) - 1) / 23
        #expect(abs(prev[0] - uniform) < 1e-6)
        // Step 20 is 40 % formed: each row q ≥ 1 gives 0.6/(q+1) + 0.4.
        #expect(abs(prev[2] - (0.6 * (Self.harmonic(24) - 1) + 0.4 * 23) / 23) < 1e-6)
        #expect(abs(prev[5] - 1) < 1e-6)
        // Induction scores the 8 queries of the second copy (16…23): the formed head scores 1,
        // the uniform one (1/17 + … + 1/24) / 8.
        let induction = scores.series(TrainingHead(layer: 1, head: 2, kind: .induction))
        #expect(abs(induction[5] - 1) < 1e-6)
        #expect(abs(induction[0] - (Self.harmonic(24) - Self.harmonic(16)) / 8) < 1e-6)
        let final = try #require(scores.final(.induction))
        #expect(abs(final.chance - (Self.harmonic(24) - Self.harmonic(16)) / 8) < 1e-12 && final.queries == 8)
        #expect(scores.isNamed(TrainingHead(layer: 1, head: 2, kind: .induction)))
        #expect(!scores.isNamed(TrainingHead(layer: 0, head: 0, kind: .induction)))
        #expect(induction[0] < induction[3] && induction[3] < induction[5])
        #expect(scores.defaultHeads() == [TrainingHead(layer: 0, head: 1, kind: .previousToken),
                                          TrainingHead(layer: 1, head: 2, kind: .induction)])
        #expect(scores.likeliestKind(layer: 1, head: 2) == .induction)
    }

    @Test func lossCurveDrawsTheBaselinesAsReferenceLines() throws {
        let folder = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try TrainingHistory.load(runFolder: folder)
        let figure = try TrainingFigures.lossCurve(history)
        guard case .axes(let loss) = figure.panels[0].content else { Issue.record("first panel is not a plot"); return }
        let lines = loss.artists.compactMap { $0 as? ReferenceLine }
        #expect(lines.map(\.value) == [4.0, log(100)])
        #expect(lines.allSatisfy { $0.orientation == .horizontal })
        // Named in the legend, never written along the line, where it would cross the curve.
        #expect(lines.allSatisfy { $0.inLegend })
        #expect(loss.artists.flatMap(\.legendEntries).map(\.label).contains("unigram baseline 4.00 (token frequencies only, no context)"))
        // The y range shows both baselines.
        let limits = try #require(loss.y.limits)
        #expect(limits.contains(4.0) && limits.contains(log(100)))
        let svg = try figure.svg()
        #expect(svg.contains("<svg") && svg.contains("</svg>"))
        #expect(svg.contains("unigram baseline 4.00"))
        #expect(svg.contains("uniform guess ln V = 4.61"))
        #expect(svg.contains("validation loss"))
        #expect(svg.contains("learning rate"))
        #expect(figure.title?.contains("synthetic") == true)
        // Final validation loss 3.1 + 1.5 e^-5 against the baseline 4.
        #expect(figure.subtitle?.contains(String(format: "validation loss %.3f", 3.1 + 1.5 * exp(-5.0))) == true)
        #expect(figure.subtitle?.contains("below the unigram baseline 4.000") == true)
    }

    @Test func lossCurveDrawsTheProbeCopiesWhenRecorded() throws {
        let folder = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var history = try TrainingHistory.load(runFolder: folder)
        let names = { (figure: Figure) -> [String] in
            guard case .axes(let loss) = figure.panels[0].content else { return [] }
            return loss.artists.compactMap { ($0 as? LineSeries)?.name }
        }
        // Older logs have no copy losses: no such lines.
        #expect(!names(try TrainingFigures.lossCurve(history)).contains { $0.contains("copy") })
        for i in history.evaluations.indices {
            history.evaluations[i].firstCopyLoss = 11.5
            history.evaluations[i].secondCopyLoss = 11.5 - Double(i)
        }
        let figure = try TrainingFigures.lossCurve(history)
        #expect(names(figure).filter { $0.contains("copy") }.count == 2)
        guard case .axes(let loss) = figure.panels[0].content else { Issue.record("first panel is not a plot"); return }
        // The axis stretches to the first copy's 11.5, above ln V = 4.61.
        #expect(try #require(loss.y.limits).contains(11.5))
    }

    @Test func smoothingIsACentredMovingAverage() {
        // Constant input stays constant; 200 points average over i-2...i+2 (shrinking at the ends).
        #expect(TrainingFigures.smoothed([2, 2, 2, 2]) == [2, 2, 2, 2])
        let s = TrainingFigures.smoothed(Array(repeating: 1.0, count: 100) + Array(repeating: 0.0, count: 100))
        #expect(s[97] == 1 && s[99] == 3.0 / 5 && s[100] == 2.0 / 5 && s[102] == 0)
        let ramp = TrainingFigures.smoothed((0..<200).map(Double.init))
        #expect(ramp[0] == 1 && ramp[50] == 50 && ramp[199] == 198)
    }

    @Test func frameIndicesSpreadEvenlyWithFirstAndLast() {
        #expect(TrainingFigures.frameIndices(count: 11, frames: 6) == [0, 2, 4, 6, 8, 10])
        #expect(TrainingFigures.frameIndices(count: 4, frames: 6) == [0, 1, 2, 3])
        #expect(TrainingFigures.frameIndices(count: 5, frames: 1) == [4])
        #expect(TrainingFigures.frameIndices(count: 0, frames: 6) == [])
    }

    @Test func filmStripHasOneRowPerHeadAndOneColumnPerSnapshot() throws {
        let folder = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try TrainingHistory.load(runFolder: folder)
        let files = TrainingProbeScores.snapshotFiles(history, runFolder: folder)
        let snapshots = try [0, 3, 5].map { try TrainingSnapshot.load(files[$0].url, step: files[$0].step, layers: 2) }
        let heads = [TrainingHead(layer: 0, head: 1, kind: .previousToken), TrainingHead(layer: 1, head: 2, kind: .induction)]
        let figure = try TrainingFigures.filmStrip(history, snapshots: snapshots, heads: heads)
        #expect(figure.panels.count == 6)
        #expect(figure.columnLabels == ["step 0", "step 30", "step 50"])
        #expect(figure.rowLabels == ["L0 H1", "L1 H2"])
        let svg = try figure.svg()
        #expect(svg.contains("step 30") && svg.contains("L1 H2"))
        // The frame captions carry the hand-worked scores.
        #expect(svg.contains("prev-token 1.00") && svg.contains("induction 1.00"))
        // Previous-token chance on 24 tokens: (H24 − 1) / 23 = .12, bar .56; induction on the
        // 8 queries of the second copy: (H24 − H16) / 8 = .05, bar .52. Both heads clear them.
        #expect(figure.footnote?.contains("previous-token .56 (chance .12), induction .52 (chance .05)") == true)
        #expect(figure.footnote?.contains("L0 H1 is a previous-token head at the last snapshot; L1 H2 is an induction head") == true)
        #expect(figure.subtitle?.contains("positions 8–23") == true)
        #expect(throws: TrainingReportError.self) {
            try TrainingFigures.filmStrip(history, snapshots: snapshots, heads: [TrainingHead(layer: 2, head: 0, kind: .induction)])
        }
    }

    @Test func missingLogIsOneClearLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-trainviz-empty-\(UUID().uuidString)")
        #expect(throws: TrainingReportError.missingLog(path: folder.path)) { try TrainingHistory.load(runFolder: folder) }
        #expect(!TrainingReportError.missingLog(path: "x").description.contains("\n"))
        #expect(throws: TrainingReportError.self) {
            try TrainingHistory.decode(Data(#"{"configuration": {}}"#.utf8), path: "log.json")
        }
        #expect(throws: TrainingReportError.self) { try TrainingHistory.decode(Data("not json".utf8), path: "log.json") }
    }
}
