import Foundation

/// Where a report goes, checked once to be usable (see ``ReportWriter/checkWritable(_:)``): a
/// caller makes it before any slow work (loading the model, the forward pass), so a bad path
/// fails at once, and the writer does not check again.
public struct ReportFolder: Sendable {
    /// The report folder (created, or replaced when it holds an older report).
    public let url: URL

    /// Throws a one-line ``ReportError`` when a report cannot be written at `url`.
    public init(_ url: URL) throws {
        try ReportWriter.checkWritable(url)
        self.url = url
    }
}
