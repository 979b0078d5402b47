import Foundation
import Testing

/// `gptscope train-report` end to end on a run trained by `gptscope train`, and bad input.
struct TrainReportCommandTests {
    @Test func drawsAReportOfARealRun() throws {
        let folder = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "tiny.json": TrainCommandTests.config])
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenizer = try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: folder)
        #expect(tokenizer.exitCode == 0, "\(tokenizer.stderr)")
        let train = try CLIRunner.run(["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "tiny.json", "--context", "16",
                                       "--batch", "2", "--eval-every", "2", "--save-every", "4", "--eval-sequences", "2",
                                       "--steps", "6", "--out", "model", "--report"], in: folder)
        #expect(train.exitCode == 0, "\(train.stderr)")
        // `train --report` draws the same report at the end.
        #expect(train.writtenFiles.contains("model/report/index.html"))
        #expect(train.writtenFiles.contains("model/report/training.loss.png"))

        let report = try CLIRunner.run(["train-report", "--run", "model", "--lang", "zh", "--frames", "3", "--out", "model/report"], in: folder)
        #expect(report.exitCode == 0, "\(report.stderr)")
        for file in ["training.loss.png", "training.loss.svg", "training.filmstrip.png", "training.filmstrip.svg",
                     "training.head-scores.png", "training.head-scores.svg", "index.html"] {
            #expect(report.writtenFiles.contains("model/report/" + file), "missing \(file)")
        }
        #expect(report.stdout.contains("Wrote 3 figures"))
        let svg = try String(contentsOf: folder.appendingPathComponent("model/report/training.filmstrip.svg"), encoding: .utf8)
        // Snapshots at steps 0, 2, 4, 6: three frames spread evenly over four (--lang zh: the figure is in Chinese too).
        #expect(svg.contains("第 0 步") && svg.contains("第 6 步") && !svg.contains("step 0"))
        let html = try String(contentsOf: folder.appendingPathComponent("model/report/index.html"), encoding: .utf8)
        #expect(html.contains("zh-Hans") && html.contains("损失曲线"))

        let named = try CLIRunner.run(["train-report", "--run", "model", "--heads", "0.1", "--out", "named"], in: folder)
        #expect(named.exitCode == 0, "\(named.stderr)")
        let noSuchHead = try CLIRunner.run(["train-report", "--run", "model", "--heads", "3.0", "--out", "bad"], in: folder)
        #expect(noSuchHead.exitCode != 0)
        #expect(noSuchHead.stderr.contains("head 3.0 does not exist"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad").path))
    }

    @Test func refusesAFolderWithoutALogInOneLine() throws {
        let result = try CLIRunner.run(["train-report", "--run", "nowhere"])
        #expect(result.exitCode != 0)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1)
        #expect(result.stderr.contains("no train-log.json in"))
        #expect(result.writtenFiles.isEmpty)
    }

    @Test func rejectsMalformedOptions() throws {
        for arguments in [["--heads", "1-3"], ["--range", "5:2"], ["--lang", "fr"], ["--formats", "svg"], ["--frames", "0"]] {
            let result = try CLIRunner.run(["train-report", "--run", "x"] + arguments)
            #expect(result.exitCode != 0, "\(arguments)")
            #expect(result.stderr.contains("Error:"), "\(arguments)")
        }
    }
}
