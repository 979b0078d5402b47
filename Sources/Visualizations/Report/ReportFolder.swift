import Foundation
import OutputFolders

/// Where a report goes, checked once to be usable (see ``ReportWriter/checkWritable(_:replacing:)``):
/// a caller makes it before any slow work (loading the model, the forward pass), so a bad path
/// or a folder of someone else's files fails at once, and the writer does not check again.
public struct ReportFolder: Sendable {
    /// The report folder (created, or replaced when it is empty or holds an older report).
    public let url: URL
    /// What the report may replace there.
    public let replacing: OutputFolder.Replacing

    /// Throws a one-line error when a report cannot be written at `url`.
    public init(_ url: URL, replacing: OutputFolder.Replacing = .ownFolders) throws {
        try ReportWriter.checkWritable(url, replacing: replacing)
        self.url = url
        self.replacing = replacing
    }
}
