import Foundation

/// Every unfinished staging folder of this process, so an interrupted run can remove them
/// before it exits.
///
/// Writers register a folder before creating it and unregister it once it is moved into place
/// or discarded; moves into place run inside ``withCommitLock(_:)``. A signal handler (set up by
/// the program, which also chooses what to print) calls ``removeAllForExit()`` and then exits:
/// that call waits for a move in progress, so a destination is never left half swapped, and it
/// never returns the lock, so no writer can start another move before the process ends.
public enum StagingRegistry {
    private final class State: @unchecked Sendable {
        // Recursive: registering and unregistering happen inside `withCommitLock` too.
        let lock = NSRecursiveLock()
        var folders: [URL: URL] = [:]   // staging folder -> destination it is for
    }
    private static let state = State()

    /// Notes `folder` (about to be created) as unfinished output for `destination`.
    public static func register(_ folder: URL, for destination: URL) {
        state.lock.withLock { state.folders[folder] = destination }
    }

    /// Forgets `folder` (moved into place or removed).
    public static func unregister(_ folder: URL) {
        state.lock.withLock { _ = state.folders.removeValue(forKey: folder) }
    }

    /// The registered staging folders (for tests and diagnostics).
    public static var folders: [URL] {
        state.lock.withLock { Array(state.folders.keys) }
    }

    /// Runs `body` (renames that put a finished folder in place) so that an interruption waits
    /// until it is done.
    public static func withCommitLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        state.lock.lock()
        defer { state.lock.unlock() }
        return try body()
    }

    /// Removes every registered staging folder and returns the destinations they were for.
    /// Holds the registry's lock for good: call it only on the way out of the process.
    public static func removeAllForExit() -> [URL] {
        state.lock.lock()
        let entries = state.folders
        state.folders = [:]
        for folder in entries.keys { removeWhileWritersRun(folder) }
        return Array(Set(entries.values)).sorted { $0.path < $1.path }
    }

    /// Renames `folder` first, so threads still writing into it fail instead of recreating files
    /// in it, then removes it. (A leftover from a failed removal keeps the staging prefix and a
    /// dead process id, so the next run removes it.)
    static func removeWhileWritersRun(_ folder: URL) {
        let doomed = URL(fileURLWithPath: folder.path + "-removing")
        let target = rename(folder.path, doomed.path) == 0 ? doomed : folder
        try? FileManager.default.removeItem(at: target)
    }
}
