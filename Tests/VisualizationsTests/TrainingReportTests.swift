import Foundation
import Testing
import Visualizations

/// The training report folder: figures in every format, the page in both languages, atomic writes.
struct TrainingReportTests {
    @Test func writesFiguresAndAPageInTheReportStyle() throws {
        let run = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: run) }
        let out = run.appendingPathComponent("report")
        let result = try TrainingReport(runFolder: run).write(to: out)
        #expect(result.figureCount == 3)
        let names = Set(result.files.map(\.name))
        for stem in [TrainingReport.lossStem, TrainingReport.filmStripStem, TrainingReport.scoresStem] {
            #expect(names.contains(stem + ".png") && names.contains(stem + ".svg"), "missing \(stem)")
            let png = try Data(contentsOf: out.appendingPathComponent(stem + ".png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("How the model learned: synthetic"))
        #expect(html.contains("<img src=\"training.loss.png\""))
        #expect(html.contains("<img src=\"training.filmstrip.png\""))
        #expect(html.contains("unigram baseline"))
        #expect(html.contains("L0 H1 (previous-token score 1.00), L1 H2 (induction score 1.00)"))
        #expect(html.contains("class=\"caveat\""))
        // No staging folder is left beside the report.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: run.path)
        #expect(!siblings.contains { $0.hasPrefix(".report.partial") })
    }

    @Test func chineseNamedHeadsAndNoProbes() throws {
        let run = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: run) }
        let out = run.appendingPathComponent("zh")
        let options = TrainingReport.Options(language: .zh, heads: [(1, 2)], frames: 3)
        let report = try TrainingReport(runFolder: run, options: options)
        let (entries, heads, finals) = try report.entries()
        #expect(abs(finals[0] - 1) < 1e-6)
        #expect(heads == [TrainingHead(layer: 1, head: 2, kind: .induction)])
        #expect(entries.count == 3)
        _ = try report.write(to: out)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-Hans\">"))
        #expect(html.contains("模型是怎样学会的") && html.contains("一元词频基线"))
        #expect(html.contains("L1 H2 (归纳评分 1.00)"))

        let outOfRange = try TrainingReport(runFolder: run, options: TrainingReport.Options(heads: [(2, 0)]))
        #expect(throws: TrainingReportError.headOutOfRange(layer: 2, head: 0, layers: 2, heads: 3)) { try outOfRange.entries() }

        // Without probe snapshots the report still draws the loss curve.
        let bare = try SyntheticTrainingRun.write(probes: false)
        defer { try? FileManager.default.removeItem(at: bare) }
        let lossOnly = try TrainingReport(runFolder: bare).entries()
        #expect(lossOnly.entries.map(\.item.stem) == [TrainingReport.lossStem])
    }

    @Test func aFailedReportLeavesTheOlderOneIntact() throws {
        let run = try SyntheticTrainingRun.write()
        defer { try? FileManager.default.removeItem(at: run) }
        let out = run.appendingPathComponent("report")
        _ = try TrainingReport(runFolder: run).write(to: out)
        let before = try Data(contentsOf: out.appendingPathComponent("index.html"))
        // A corrupt snapshot makes the next report fail before anything is moved into place.
        try Data("not safetensors".utf8).write(to: run.appendingPathComponent("probes/step-000050.safetensors"))
        #expect(throws: TrainingReportError.self) { try TrainingReport(runFolder: run).write(to: out) }
        #expect(try Data(contentsOf: out.appendingPathComponent("index.html")) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: run.path)
        #expect(!siblings.contains { $0.hasPrefix(".report.partial") })
    }
}
