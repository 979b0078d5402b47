import Foundation
import OutputFolders

extension ReportWriter {
    /// The output folder of a report (or a training report) at `folder`: it may replace
    /// nothing, an empty folder or an earlier report, and anything else only when `replacing`
    /// is ``OutputFolder/Replacing/anyFolder``.
    public static func outputFolder(_ folder: URL, replacing: OutputFolder.Replacing = .ownFolders) -> OutputFolder {
        OutputFolder(folder, replacing: replacing, isOwn: isReportFolder)
    }

    /// Whether `folder` holds a report GPTScope wrote: its `summary.json` has the report schema,
    /// or its `index.html` names GPTScope as the generator (training reports have no summary).
    @Sendable public static func isReportFolder(_ folder: URL) -> Bool {
        struct Marker: Decodable { var schema: String? }
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(summaryFile).path),
           let schema = (try? JSONDecoder().decode(Marker.self, from: data))?.schema, schema.hasPrefix("gptscope.report/") {
            return true
        }
        guard let page = FileHandle(forReadingAtPath: folder.appendingPathComponent(pageFile).path) else { return false }
        defer { try? page.close() }
        let head = String(decoding: (try? page.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        return head.contains(generatorTag)
    }

    /// The tag both report pages carry in their `<head>`.
    static let generatorTag = "<meta name=\"generator\" content=\"GPTScope\">"

    /// Fails with one line when a report cannot be written at `folder`: it is a file or a
    /// symbolic link, the folder above it cannot be written, or it holds files that are not an
    /// earlier report (unless `replacing` is ``OutputFolder/Replacing/anyFolder``). Creates
    /// nothing; call it before expensive work so bad input fails fast.
    public static func checkWritable(_ folder: URL, replacing: OutputFolder.Replacing = .ownFolders) throws {
        try outputFolder(folder, replacing: replacing).check()
    }
}
