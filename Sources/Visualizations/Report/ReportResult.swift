import Foundation

/// What a finished report wrote.
public struct ReportResult: Sendable {
    /// One file of the report.
    public struct File: Sendable, Equatable {
        /// Path relative to the report folder.
        public var name: String
        /// Size in bytes.
        public var bytes: Int
    }

    /// The report folder.
    public var folder: URL
    /// Every file written, in writing order (figures, tensors, summary, page).
    public var files: [File]
    /// Number of figures.
    public var figureCount: Int

    /// Total size in bytes.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
    /// The page, `index.html`.
    public var page: URL { folder.appendingPathComponent("index.html") }
}
