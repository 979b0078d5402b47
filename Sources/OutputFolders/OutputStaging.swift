import Foundation

/// A hidden folder beside an output folder's destination that collects the new files, then
/// replaces the destination in one rename (or disappears), so nobody ever sees a half-written
/// folder, a mix of two runs, or a folder with someone else's files replaced.
///
/// It is registered with ``StagingRegistry`` from creation until commit or discard, so an
/// interrupted process can remove it. Its name carries the process id, so a later run removes
/// it if this process died without cleaning up.
public final class OutputStaging: Sendable {
    /// Where the finished folder goes.
    public let destination: URL
    /// Where files are written meanwhile.
    public let folder: URL
    private let output: OutputFolder
    private let identity: FolderIdentity?

    init(destination output: OutputFolder, identity: FolderIdentity?, parent: URL) throws(OutputFolderError) {
        self.output = output
        self.destination = output.url
        self.identity = identity
        folder = parent.appendingPathComponent(StagingName.partial(output.url.lastPathComponent))
        // Registered before it exists, so an interruption between the two still removes it.
        let folder = self.folder
        let destination = self.destination
        let created = StagingRegistry.withCommitLock { () -> Error? in
            StagingRegistry.register(folder, for: destination)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                return nil
            } catch {
                StagingRegistry.unregister(folder)
                return error
            }
        }
        if let created {
            throw .unusable(path: destination.path, reason: .other(OutputFolder.reason(created)))
        }
    }

    /// Writes `data` as `name` inside the staging folder (from any thread) and returns its size;
    /// a full disk or another failure is reported with the file's name.
    @discardableResult
    public func write(_ data: Data, named name: String) throws(OutputFolderError) -> Int {
        try OutputFile.write(data, to: folder.appendingPathComponent(name), reportingAs: name, for: destination)
        return data.count
    }

    /// The size of a file written into the staging folder.
    public func size(of name: String) throws(OutputFolderError) -> Int {
        var info = stat()
        guard stat(folder.appendingPathComponent(name).path, &info) == 0 else {
            throw .writeFailed(path: destination.path, file: name, reason: String(cString: strerror(errno)))
        }
        return Int(info.st_size)
    }

    /// Moves the finished folder into place. What was at the destination (nothing, an empty
    /// folder, an own folder, or — if allowed — anything) is removed only after the new folder
    /// is there. Fails, discarding the new folder, if another writer changed the destination
    /// since ``OutputFolder/stage()`` or it is no longer replaceable.
    public func commit() throws(OutputFolderError) {
        let parent = destination.deletingLastPathComponent()
        // Serialises commits of every process into this parent folder: check and swap are one step.
        let parentLock = FolderLock(folder: parent)
        defer { parentLock.release() }
        let aside: URL?
        do {
            aside = try StagingRegistry.withCommitLock { () throws(OutputFolderError) -> URL? in
                guard FolderIdentity(destination) == identity else { throw .changedMeanwhile(path: destination.path) }
                let found = try output.contents()
                if case let .other(count, example) = found, output.replacing == .ownFolders {
                    throw .notEmpty(path: destination.path, itemCount: count, example: example)
                }
                var aside: URL?
                if found != .missing {
                    let old = parent.appendingPathComponent(StagingName.old(destination.lastPathComponent))
                    StagingRegistry.register(old, for: destination)
                    guard rename(destination.path, old.path) == 0 else {
                        StagingRegistry.unregister(old)
                        throw .cannotMoveIntoPlace(path: destination.path, reason: String(cString: strerror(errno)))
                    }
                    aside = old
                }
                guard rename(folder.path, destination.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    if let aside {
                        _ = rename(aside.path, destination.path)
                        StagingRegistry.unregister(aside)
                    }
                    throw .cannotMoveIntoPlace(path: destination.path, reason: reason)
                }
                StagingRegistry.unregister(folder)
                return aside
            }
        } catch {
            discard()
            throw error
        }
        if let aside {
            try? FileManager.default.removeItem(at: aside)
            StagingRegistry.unregister(aside)
        }
    }

    /// Removes the staging folder and everything in it (threads still writing into it fail).
    public func discard() {
        StagingRegistry.withCommitLock {
            StagingRegistry.removeWhileWritersRun(folder)
            StagingRegistry.unregister(folder)
        }
    }
}

/// Writes one file with plain system calls, so a full disk is reported as such.
public enum OutputFile {
    /// Writes `data` to `url`; a failure names `name` and the output folder `destination`.
    public static func write(_ data: Data, to url: URL, reportingAs name: String, for destination: URL) throws(OutputFolderError) {
        try write(to: url, reportingAs: name, for: destination) { append in data.withUnsafeBytes { append($0) } }
    }

    /// Writes to `url` the bytes `body` passes to `append`, piece by piece, so a large file is
    /// never held in memory whole; after a failed write `append` ignores the rest, and the
    /// failure, naming `name` and `destination`, is thrown once `body` returns.
    public static func write(to url: URL, reportingAs name: String, for destination: URL,
                             _ body: (_ append: (UnsafeRawBufferPointer) -> Void) -> Void) throws(OutputFolderError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno, name, destination) }
        var failed: Int32 = 0
        body { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while failed == 0, offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failed == 0 { failed = errno }
        if failed != 0 { throw failure(failed, name, destination) }
    }

    private static func failure(_ code: Int32, _ name: String, _ destination: URL) -> OutputFolderError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: destination.path, file: name) }
        return .writeFailed(path: destination.path, file: name, reason: String(cString: strerror(code)))
    }
}
