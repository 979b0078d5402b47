import Charts
import Foundation
import OutputFolders

/// Writes the pictures of a training run (loss curve, film strip, head scores) as PNG + SVG and
/// an `index.html` in the style of `gptscope report`, into one folder, atomically (a hidden
/// folder beside the destination is renamed into place at the end; an older report there is
/// replaced only then). Like ``ReportWriter``, it replaces only an empty folder or an earlier
/// report unless told otherwise.
///
/// ```swift
/// let report = try TrainingReport(runFolder: URL(fileURLWithPath: "output/tiny"))
/// let result = try report.write(to: URL(fileURLWithPath: "output/tiny/report"))
/// ```
public struct TrainingReport: Sendable {
    /// Choices for the report.
    public struct Options: Sendable {
        /// Page language.
        public var language: ReportLanguage
        /// Formats of every figure (PNG required: the page shows it).
        public var formats: [OutputFormat]
        /// PNG pixels per point.
        public var scale: Double
        /// Heads to follow as (layer, head); nil = the best previous-token and induction heads.
        public var heads: [(layer: Int, head: Int)]?
        /// Frames per head in the film strip.
        public var frames: Int
        /// Positions shown in the film strip (nil: the repeated random part of the probe).
        public var window: Range<Int>?

        /// Options with defaults: English, PNG + SVG, scale 2, automatic heads, 6 frames.
        public init(language: ReportLanguage = .en, formats: [OutputFormat] = [.png, .svg], scale: Double = 2,
                    heads: [(layer: Int, head: Int)]? = nil, frames: Int = TrainingFigures.defaultFrameCount, window: Range<Int>? = nil) {
            self.language = language; self.formats = formats; self.scale = scale
            self.heads = heads; self.frames = frames; self.window = window
        }
    }

    /// The run folder (`gptscope train --out`).
    public let runFolder: URL
    /// The decoded `train-log.json`.
    public let history: TrainingHistory
    /// Choices.
    public let options: Options

    /// Reads the run's log (fails with one line when it is missing or unreadable).
    public init(runFolder: URL, options: Options = Options()) throws {
        self.runFolder = runFolder
        self.history = try TrainingHistory.load(runFolder: runFolder)
        self.options = options
    }

    /// Stem of the loss-curve figure.
    public static let lossStem = "training.loss"
    /// Stem of the film strip.
    public static let filmStripStem = "training.filmstrip"
    /// Stem of the head-score history.
    public static let scoresStem = "training.head-scores"

    /// Every figure of the report with its page text, in page order. Without probe snapshots
    /// only the loss curve is drawn.
    /// `heads` are the heads followed, `finalScores` their scores at the last snapshot.
    public func entries() throws -> (entries: [ReportEntry], heads: [TrainingHead], finalScores: [Double]) {
        var entries = [ReportEntry(item: ReportItem(stem: Self.lossStem, section: .predictions, title: TrainingReportText.lossTitle,
                                                    explanation: TrainingReportText.lossExplanation),
                                   figure: try TrainingFigures.lossCurve(history))]
        guard history.probe != nil, !TrainingProbeScores.snapshotFiles(history, runFolder: runFolder).isEmpty else {
            if options.heads != nil { throw TrainingReportError.noProbes(path: runFolder.path) }
            return (entries, [], [])
        }
        let scores = try TrainingProbeScores.compute(history: history, runFolder: runFolder)
        let heads = try chosenHeads(scores)
        guard !heads.isEmpty else { return (entries, [], []) }
        let files = TrainingProbeScores.snapshotFiles(history, runFolder: runFolder)
        let snapshots = try TrainingFigures.frameIndices(count: files.count, frames: options.frames).map {
            try TrainingSnapshot.load(files[$0].url, step: files[$0].step, layers: history.shape.layerCount)
        }
        let hooks = Set(heads.map(\.layer)).sorted().map { "blocks.\($0).attn.hook_pattern" }
        var strip = ReportItem(stem: Self.filmStripStem, section: .attention, title: TrainingReportText.stripTitle,
                               explanation: TrainingReportText.stripExplanation)
        strip.hooks = hooks
        entries.append(ReportEntry(item: strip, figure: try TrainingFigures.filmStrip(history, snapshots: snapshots, heads: heads,
                                                                                      window: options.window)))
        var scoreItem = ReportItem(stem: Self.scoresStem, section: .attention, title: TrainingReportText.scoresTitle,
                                 explanation: TrainingReportText.scoresExplanation)
        scoreItem.hooks = hooks
        entries.append(ReportEntry(item: scoreItem, figure: try TrainingFigures.scoreHistory(history, scores: scores, heads: heads)))
        return (entries, heads, heads.map { scores.series($0).last ?? .nan })
    }

    /// The heads given in the options (each scored on the kind it does best), or the defaults.
    public func chosenHeads(_ scores: TrainingProbeScores) throws -> [TrainingHead] {
        guard let given = options.heads else { return scores.defaultHeads() }
        return try given.map { g in
            guard g.layer >= 0, g.head >= 0, g.layer < history.shape.layerCount, g.head < history.shape.headCount else {
                throw TrainingReportError.headOutOfRange(layer: g.layer, head: g.head, layers: history.shape.layerCount,
                                                         heads: history.shape.headCount)
            }
            return TrainingHead(layer: g.layer, head: g.head, kind: scores.likeliestKind(layer: g.layer, head: g.head))
        }
    }

    /// Writes every figure and `index.html` to `folder` (see ``ReportWriter/write(to:replacing:progress:)``
    /// for what it may replace); `progress(done, total, label)` before each step.
    public func write(to folder: URL, replacing: OutputFolder.Replacing = .ownFolders,
                      progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> ReportResult {
        guard options.formats.contains(.png) else { throw ReportError.noRasterFormat }
        let output = ReportWriter.outputFolder(folder, replacing: replacing)
        try output.check()
        progress(0, 5, "probe snapshots")
        let (entries, heads, finalScores) = try self.entries()
        let staging = try output.stage()
        do {
            var files: [ReportResult.File] = []
            var figures: [ReportPage.Figure] = []
            for (index, entry) in entries.enumerated() {
                progress(index + 1, entries.count + 2, entry.item.stem)
                var names: [String] = []
                let figure = entry.figure.localized(options.language)
                for format in options.formats {
                    let name = "\(entry.item.stem).\(format.rawValue)"
                    let data: Data
                    switch format {
                    case .png: data = try figure.pngData(scale: options.scale)
                    case .svg: data = Data(try figure.svg().utf8)
                    case .pdf: data = try figure.pdfData()
                    }
                    try staging.write(data, named: name)
                    files.append(ReportResult.File(name: name, bytes: data.count))
                    names.append(name)
                }
                figures.append(ReportPage.Figure(item: entry.item, width: entry.figure.width, height: entry.figure.height, files: names))
            }
            progress(entries.count + 1, entries.count + 2, ReportWriter.pageFile)
            let html = TrainingReportHTML.render(history: history, figures: figures, heads: heads,
                                                  finalScores: finalScores, language: options.language)
            let pageBytes = try staging.write(Data(html.utf8), named: ReportWriter.pageFile)
            files.append(ReportResult.File(name: ReportWriter.pageFile, bytes: pageBytes))
            try staging.commit()
            return ReportResult(folder: folder, files: files, figureCount: figures.count)
        } catch {
            staging.discard()
            throw error
        }
    }
}
