import ArgumentParser
import Charts
import Foundation

/// The one check of a figure file name given on the command line: its extension must name a
/// format the figures can be written as (``OutputFormat``: .png, .svg, .pdf), so a bad name is
/// refused before any model is loaded.
enum FigurePath {
    /// Throws a one-line error naming `option` when `path` is given and has no figure extension.
    static func check(_ path: String?, option: String) throws {
        guard let path else { return }
        guard OutputFormat(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased()) != nil else {
            throw ValidationError("\(option) needs a file name ending in .png, .svg or .pdf, got '\(path)'")
        }
    }
}
