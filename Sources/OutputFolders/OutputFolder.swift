import Foundation

/// A folder a command writes its output into, and the rule for what may be there already:
/// nothing, an empty folder, or a folder this writer recognises as its own output
/// (``isOwn``). Any other folder holds someone's files and is refused unless the caller allows
/// replacing anything (a command's `--force`). Symbolic links are never replaced or written
/// through.
///
/// Writers that produce a whole folder at once ``stage()`` it beside the destination and
/// ``OutputStaging/commit()`` it in one rename; writers that keep updating files inside the
/// folder (a training run) use ``prepareInPlace(clearing:)`` and ``lock()``.
///
/// ```swift
/// let output = OutputFolder(URL(fileURLWithPath: "output/gpt2"), isOwn: ReportWriter.isReportFolder)
/// try output.check()                  // early: fail before the slow part
/// let staging = try output.stage()
/// _ = try staging.write(Data("<html>…".utf8), named: "index.html")
/// try staging.commit()
/// ```
public struct OutputFolder: Sendable {
    /// What may be replaced.
    public enum Replacing: Sendable, Equatable {
        /// Nothing, an empty folder, or a folder the writer recognises as its own.
        case ownFolders
        /// Any folder (the user asked for it); files, links and unwritable paths are still refused.
        case anyFolder
    }

    /// What is at the path now.
    public enum Contents: Sendable, Equatable {
        /// Nothing.
        case missing
        /// An empty folder.
        case empty
        /// A folder the writer recognises as its own output.
        case own
        /// A folder with other files: how many entries, and one of their names.
        case other(itemCount: Int, example: String)
    }

    /// The destination (standardized: no `.` or `..` components).
    public let url: URL
    /// What may be replaced.
    public let replacing: Replacing
    /// Whether a non-empty folder is the writer's own output.
    public let isOwn: @Sendable (URL) -> Bool

    /// An output folder at `url`; `isOwn` recognises the writer's own earlier output.
    public init(_ url: URL, replacing: Replacing = .ownFolders, isOwn: @escaping @Sendable (URL) -> Bool) {
        self.url = url.standardizedFileURL
        self.replacing = replacing
        self.isOwn = isOwn
    }

    /// The lock file ``lock()`` keeps inside the folder while a run writes into it.
    public static let lockFileName = ".gptscope.lock"
    /// Entries that do not make a folder non-empty (Finder's bookkeeping, a lock file left by a
    /// killed run).
    static let ignoredEntries: Set<String> = [".DS_Store", lockFileName]

    /// What is at the path, without judging it. Fails if the path is a file or a symbolic link.
    public func contents() throws(OutputFolderError) -> Contents {
        guard url.path != "/" else { throw .unusable(path: url.path, reason: .other("it is the root folder")) }
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            throw .unusable(path: url.path, reason: .other(String(cString: strerror(errno))))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
            throw .unusable(path: url.path, reason: .symbolicLink(target: target))
        case S_IFDIR:
            break
        default:
            throw .unusable(path: url.path, reason: .isAFile)
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { !Self.ignoredEntries.contains($0) }.sorted()
        } catch {
            throw .unusable(path: url.path, reason: .notWritable(folder: url.path))
        }
        if entries.isEmpty { return .empty }
        if isOwn(url) { return .own }
        return .other(itemCount: entries.count, example: entries.first { !$0.hasPrefix(".") } ?? entries[0])
    }

    /// Fails with one line unless a whole new folder can be put at the path: what is there may
    /// be replaced, and the folder above it (where the new one is staged) can be written.
    /// Creates nothing; call it before slow work so bad input fails fast.
    @discardableResult
    public func check() throws(OutputFolderError) -> Contents {
        let found = try contents()
        try requireReplaceable(found)
        try requireWritable(url.deletingLastPathComponent())
        if found != .missing && found != .empty && access(url.path, W_OK) != 0 {
            throw .unusable(path: url.path, reason: .notWritable(folder: url.path))
        }
        return found
    }

    /// Like ``check()`` for a writer that writes inside the folder: the folder itself (or the
    /// nearest existing one above it) must be writable, not its parent.
    @discardableResult
    public func checkInPlace() throws(OutputFolderError) -> Contents {
        let found = try contents()
        try requireReplaceable(found)
        try requireWritable(url)
        return found
    }

    /// Creates a hidden staging folder beside the destination (and any missing folders above
    /// it), after removing staging folders that earlier, interrupted runs left there. The
    /// destination is checked again, and what is there now is remembered: the commit fails if
    /// another writer replaces it meanwhile.
    public func stage() throws(OutputFolderError) -> OutputStaging {
        try check()
        let parent = url.deletingLastPathComponent()
        StagingName.removeAbandoned(besideFolderNamed: url.lastPathComponent, in: parent)
        return try OutputStaging(destination: self, identity: FolderIdentity(url), parent: parent)
    }

    /// For a writer that updates files inside the folder: checks it, creates it if needed and,
    /// when `clearing` (a fresh start), empties it — which ``check()``'s rule has already allowed.
    public func prepareInPlace(clearing: Bool) throws(OutputFolderError) {
        let found = try checkInPlace()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: url, withIntermediateDirectories: true)
            if clearing, found != .missing, found != .empty {
                for entry in try fm.contentsOfDirectory(atPath: url.path) where entry != Self.lockFileName {
                    try fm.removeItem(at: url.appendingPathComponent(entry))
                }
            }
        } catch {
            throw .unusable(path: url.path, reason: .other(Self.reason(error)))
        }
    }

    /// Takes the folder for this process (creating it if needed) until the returned lock is
    /// released; fails with ``OutputFolderError/busy(path:)`` while another run holds it.
    /// (The lock is on a hidden file inside, not on the folder, so commits of folders staged
    /// inside it, which lock their parent folder, do not wait for it.)
    public func lock() throws(OutputFolderError) -> FolderLock {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .unusable(path: url.path, reason: .other(Self.reason(error)))
        }
        return try FolderLock(file: url.appendingPathComponent(Self.lockFileName), of: url)
    }

    /// Refuses a folder with someone else's files, unless anything may be replaced.
    private func requireReplaceable(_ found: Contents) throws(OutputFolderError) {
        if case let .other(count, example) = found, replacing == .ownFolders {
            throw .notEmpty(path: url.path, itemCount: count, example: example)
        }
    }

    /// Fails unless `folder`, or the nearest existing folder above it, is a writable folder.
    private func requireWritable(_ folder: URL) throws(OutputFolderError) {
        var existing = folder
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder) {
            let up = existing.deletingLastPathComponent()
            if up.path == existing.path { break }
            existing = up
        }
        guard isFolder.boolValue else {
            throw .unusable(path: url.path, reason: .ancestorIsAFile(ancestor: existing.path))
        }
        guard access(existing.path, W_OK) == 0 else {
            throw .unusable(path: url.path, reason: .notWritable(folder: existing.path))
        }
    }

    /// The system's reason for a Foundation error ("Permission denied"), without the wrapping.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}

/// Which folder is at a path, to notice when another writer replaced it: device and inode,
/// and the inode's change time. The inode alone is not enough: a run that removes the folder it
/// replaced frees its inode number, and the file system may give that number to the next run's
/// new folder, so a third run still working would take that folder for the one it saw and
/// replace a newer result with its older one. A folder renamed into place, or written into,
/// gets a new change time.
struct FolderIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let changeSeconds: Int
    let changeNanoseconds: Int

    /// The folder at `url`, or nil when there is none.
    init?(_ url: URL) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
        changeSeconds = info.st_ctimespec.tv_sec
        changeNanoseconds = info.st_ctimespec.tv_nsec
        #else
        changeSeconds = info.st_ctim.tv_sec
        changeNanoseconds = info.st_ctim.tv_nsec
        #endif
    }
}
