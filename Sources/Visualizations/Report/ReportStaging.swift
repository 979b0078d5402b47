import FileAccess
import Foundation

/// A hidden folder beside a report's destination that collects the files, then replaces the
/// destination in one rename (or disappears on error), so no half-written report is ever seen.
struct ReportStaging {
    /// Where the finished report goes.
    let destination: URL
    /// Where files are written meanwhile.
    let folder: URL

    /// Creates `.<name>.partial-<uuid>` next to `destination` (and `destination`'s parent folders).
    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        folder = parent.appendingPathComponent(".\(self.destination.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotCreateFolder(path: destination.path, reason: Self.reason(error))
        }
    }

    /// The size of a file written into the staging folder.
    func file(_ name: String) throws -> ReportResult.File {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
        return ReportResult.File(name: name, bytes: (attributes[.size] as? NSNumber)?.intValue ?? 0)
    }

    /// Moves the finished folder into place; an older report there is removed only afterwards.
    func commit() throws {
        let fm = FileManager.default
        var old: URL?
        if fm.fileExists(atPath: destination.path) {
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString)")
            guard rename(destination.path, aside.path) == 0 else {
                throw ReportError.cannotMoveIntoPlace(path: destination.path, reason: String(cString: strerror(errno)))
            }
            old = aside
        }
        guard rename(folder.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let old { _ = rename(old.path, destination.path) }
            throw ReportError.cannotMoveIntoPlace(path: destination.path, reason: reason)
        }
        if let old { try? fm.removeItem(at: old) }
    }

    /// Removes the staging folder and everything in it.
    func discard() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func reason(_ error: Error) -> String {
        FileAccess.reason(for: error)
    }
}
