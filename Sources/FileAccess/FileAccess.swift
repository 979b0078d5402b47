import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)`, named apart from ``FileAccess/read(atPath:accepting:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

/// Reading input files safely: the file type is checked before anything is opened, so a named
/// pipe, a device or a folder given where a file belongs fails at once with one line instead of
/// blocking forever in `open()` or reading without end.
public enum FileAccess {
    /// Which kinds of file a read accepts.
    public enum Source: Sendable {
        /// Only a regular file (checkpoints, configurations, vocabularies).
        case regularFile
        /// A regular file, or a stream read to its end: a named pipe, a terminal, a shell's
        /// `<(command)` (text to tokenize, corpora). Folders and devices such as `/dev/zero`,
        /// which never end, are still refused.
        case fileOrStream
    }

    /// Throws unless `path` is a regular file (symbolic links followed), without opening it.
    public static func requireRegularFile(atPath path: String) throws(FileAccessError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotRead(path: path, reason: reason(errno: errno, writing: false)) }
        if let problem = kindProblem(info.st_mode) { throw .cannotRead(path: path, reason: problem) }
    }

    /// The whole content of the file at `path`.
    public static func read(atPath path: String, accepting source: Source = .regularFile) throws(FileAccessError) -> [UInt8] {
        let (fd, info) = try openChecked(atPath: path, accepting: source)
        defer { close(fd) }
        let expected = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        var failure: Int32 = 0
        var atEnd = false
        // Read straight into the array: one byte more than the size stat gave, to see the end.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(expected + 1, 1 << 16)) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
                if n > 0 { count += n } else if n == 0 { atEnd = true; return } else if errno != EINTR { failure = errno; return }
            }
        }
        // A stream, or a file that grew: read the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while failure == 0 && !atEnd {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n > 0 { bytes.append(contentsOf: chunk[..<n]) } else if n == 0 { atEnd = true } else if errno != EINTR { failure = errno }
        }
        if failure != 0 { throw .cannotRead(path: path, reason: reason(errno: failure, writing: false)) }
        return bytes
    }

    /// `path` opened for reading part by part (an input too long to hold whole), after the same
    /// file-type checks as ``read(atPath:accepting:)``. The handle closes its descriptor.
    public static func openForReading(atPath path: String, accepting source: Source = .regularFile) throws(FileAccessError) -> FileHandle {
        let (fd, _) = try openChecked(atPath: path, accepting: source)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Checks the file type, opens `path` and checks again what was opened; the caller closes
    /// the descriptor. Returns the `stat` of the opened file.
    private static func openChecked(atPath path: String, accepting source: Source) throws(FileAccessError) -> (Int32, stat) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotRead(path: path, reason: reason(errno: errno, writing: false)) }
        // Streams end: pipes, sockets and terminals. A folder, a disk or /dev/zero does not.
        let kind = info.st_mode & S_IFMT
        let isStream = kind == S_IFIFO || kind == S_IFSOCK || kind == S_IFCHR
        if let problem = kindProblem(info.st_mode), source == .regularFile || !isStream {
            throw .cannotRead(path: path, reason: problem)
        }
        // O_NONBLOCK: should the path turn into a pipe between stat and open, open returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | (source == .regularFile ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw .cannotRead(path: path, reason: reason(errno: errno, writing: false)) }
        if kind == S_IFCHR && isatty(fd) == 0, let problem = kindProblem(info.st_mode) {
            close(fd)
            throw .cannotRead(path: path, reason: problem)
        }
        if source == .regularFile {
            guard fstat(fd, &info) == 0 else {
                let code = errno
                close(fd)
                throw .cannotRead(path: path, reason: reason(errno: code, writing: false))
            }
            if let problem = kindProblem(info.st_mode) {
                close(fd)
                throw .cannotRead(path: path, reason: problem)
            }
        }
        return (fd, info)
    }

    /// The file at `path` as UTF-8 text, validated strictly (see ``InvalidUTF8/find(in:)``).
    public static func readText(atPath path: String, accepting source: Source = .regularFile) throws(FileAccessError) -> [UInt8] {
        let bytes = try read(atPath: path, accepting: source)
        if let problem = InvalidUTF8.find(in: bytes) { throw .notUTF8(path: path, problem: problem) }
        return bytes
    }

    /// Why a file of this mode is not a regular file, or nil when it is one.
    static func kindProblem(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "it is a folder"
        case S_IFIFO: "it is a named pipe, not a regular file"
        case S_IFCHR: "it is a character device, not a regular file"
        case S_IFBLK: "it is a block device, not a regular file"
        case S_IFSOCK: "it is a socket, not a regular file"
        default: "it is not a regular file"
        }
    }
}
