import Foundation

/// An exclusive `flock`, held until released (or the process ends: the system drops it then,
/// so a crash never leaves a folder locked).
public final class FolderLock: @unchecked Sendable {
    private let descriptor: Int32
    private let file: URL?
    private let lock = NSLock()
    private var held: Bool

    /// Waits for the lock on `folder` itself (short holds: a commit's check and renames). A
    /// folder that cannot be opened is not locked (the renames that follow report the problem).
    init(folder: URL) {
        descriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        file = nil
        held = descriptor >= 0
        while held, flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            held = false
        }
    }

    /// Takes the lock file `file` (created if needed) without waiting: fails with
    /// ``OutputFolderError/busy(path:)`` naming `folder` while another process holds it. The
    /// file is removed on release.
    init(file: URL, of folder: URL) throws(OutputFolderError) {
        self.file = file
        while true {
            let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .unusable(path: folder.path, reason: .other(String(cString: strerror(errno))))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(descriptor)
                if code == EINTR { continue }
                if code == EWOULDBLOCK { throw .busy(path: folder.path) }
                throw .unusable(path: folder.path, reason: .other(String(cString: strerror(code))))
            }
            // The previous holder may have removed the file between our open and flock: then
            // the lock is on a file nobody else will open; take a fresh one.
            var opened = stat(), named = stat()
            if fstat(descriptor, &opened) == 0, stat(file.path, &named) == 0,
               opened.st_dev == named.st_dev, opened.st_ino == named.st_ino {
                self.descriptor = descriptor
                held = true
                return
            }
            close(descriptor)
        }
    }

    /// Releases the lock (also done when the lock is deallocated), removing its lock file.
    public func release() {
        lock.withLock {
            guard held else { return }
            held = false
            if let file { unlink(file.path) }   // before closing: nobody can lock the removed file after us
            close(descriptor)
        }
    }

    deinit { release() }
}
