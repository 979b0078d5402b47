import ArgumentParser
import Charts
import Foundation
import OutputFolders
import Visualizations

/// `gptscope train-report`: the pictures of a training run (loss curve, film strip of heads
/// forming, head scores) as PNG + SVG and an index.html page.
struct TrainReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-report",
        abstract: "Draw a training run: the loss curve and attention heads forming, with an index.html page.",
        discussion: """
        Reads the folder written by `gptscope train --out DIR`: train-log.json (the loss of every \
        step, the validation loss of every evaluation, the unigram baseline) and probes/ (every \
        head's attention on one fixed probe prompt at each evaluation).

        Writes into --out (default DIR/report):
          training.loss.png/svg          training and validation loss against steps, the unigram
                                         baseline and ln V as reference lines, the learning rate below
          training.filmstrip.png/svg     one row per head, one attention heatmap per snapshot
          training.head-scores.png/svg   those heads' previous-token / induction scores over steps
          index.html                     the page explaining them (--lang en, zh or zh-Hant)

        The report is written into a hidden folder and moved into place when complete. An \
        older report (or an empty folder) at --out is replaced; a folder holding anything else \
        is refused unless you give --force, which replaces it and deletes what it holds.

        Heads: by default the best previous-token head and the best induction head at the last \
        snapshot; --heads 1.3,0.2 follows layer 1 head 3 and layer 0 head 2 instead.

        Examples:
          gptscope train-report --run output/tiny
          gptscope train-report --run output/tiny --lang zh --out output/tiny-report-zh
          gptscope train-report --run output/tiny --heads 1.0,1.3 --frames 8 --range 0:64
        `gptscope train ... --report` writes the same report at the end of training.
        """
    )

    @Option(name: .customLong("run"), help: ArgumentHelp("The training output folder (holds train-log.json and probes/).", valueName: "dir"))
    var runPath: String

    @Option(help: ArgumentHelp("Report folder (default: <run>/report).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace --out even if it holds files that are not an earlier report (they are deleted).")
    var force = false

    @Option(help: ArgumentHelp("Language of the page and its figures: en, zh or zh-Hant.", valueName: "lang"))
    var lang: String = "en"

    @Option(help: ArgumentHelp("Heads to follow, LAYER.HEAD comma-separated (default: the best previous-token and induction heads).", valueName: "list"))
    var heads: String?

    @Option(help: ArgumentHelp("Snapshots per head in the film strip.", valueName: "n"))
    var frames: Int = TrainingFigures.defaultFrameCount

    @Option(help: ArgumentHelp("Probe positions shown in the film strip, A:B (default: the repeated random tokens).", valueName: "a:b"))
    var range: String?

    @Option(help: ArgumentHelp("Figure formats, comma-separated: png, svg, pdf (png is required).", valueName: "list"))
    var formats: String = "png,svg"

    @Option(help: ArgumentHelp("PNG pixels per point.", valueName: "s"))
    var scale: Double = 2

    func validate() throws {
        guard ReportLanguage(argument: lang) != nil else { throw ValidationError("--lang must be \(ReportLanguage.choices), not '\(lang)'") }
        _ = try Self.parseHeads(heads)
        _ = try Self.parseRange(range)
        guard (1...16).contains(frames) else { throw ValidationError("--frames must be between 1 and 16, e.g. 6") }
        guard try Self.parseFormats(formats).contains(.png) else {
            throw ValidationError("--formats must include png (the page shows PNG figures), e.g. --formats png,svg")
        }
        guard scale > 0 && scale <= 8 else { throw ValidationError("--scale must be between 0 and 8, e.g. 2") }
    }

    func run() throws {
        let runFolder = URL(fileURLWithPath: runPath)
        let options = TrainingReport.Options(language: ReportLanguage(argument: lang) ?? .en, formats: try Self.parseFormats(formats),
                                             scale: scale, heads: try Self.parseHeads(heads), frames: frames,
                                             window: try Self.parseRange(range))
        let folder = URL(fileURLWithPath: out ?? runFolder.appendingPathComponent("report").path)
        Interruption.quitOnSignals()
        try TrainingReportOutput.write(runFolder: runFolder, to: folder, options: options, replacing: force ? .anyFolder : .ownFolders)
    }

    static func parseHeads(_ text: String?) throws -> [(layer: Int, head: Int)]? {
        guard let text else { return nil }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty else { throw ValidationError("--heads takes LAYER.HEAD pairs, e.g. --heads 1.3,0.2") }
        return try parts.map { part in
            guard let head = TrainingHead.parse(part) else {
                throw ValidationError("--heads takes LAYER.HEAD pairs, e.g. --heads 1.3,0.2; '\(part)' is not one")
            }
            return (head.layer, head.head)
        }
    }

    static func parseRange(_ text: String?) throws -> Range<Int>? {
        guard let text else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b > a + 1 else {
            throw ValidationError("--range takes A:B with 0 ≤ A < B - 1, e.g. --range 0:64")
        }
        return a..<b
    }

    static func parseFormats(_ text: String) throws -> [OutputFormat] {
        try ListOption.formats(text)
    }
}
