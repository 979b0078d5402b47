#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileAccess
import Foundation

/// The bytes of a safetensors file, kept alive for as long as any tensor borrows from them.
///
/// A file on disk is mapped read-only and private, and its pages are populated up front: the
/// weights then live in the page cache, shared with every other process reading the checkpoint,
/// and fp32 tensors point straight into it (``SafetensorsFile/tensor(named:)``). Copying
/// GPT-2 small's 500 MB instead made the kernel allocate and zero as many fresh pages, which
/// took 0.2–0.9 s per process on our machines — longer than the forward pass.
final class SafetensorsBytes: @unchecked Sendable {
    /// First byte (at least 16-byte aligned).
    let base: UnsafeRawPointer
    /// Length in bytes.
    let count: Int
    /// How the memory is released.
    private let release: Release

    private enum Release {
        case unmap
        case deallocate
        case none
    }

    /// Maps the file at `path` (throws a one-line reason on failure).
    init(mapping path: String) throws(SafetensorsError) {
        // A named pipe would block open() until a writer came: check the type before opening,
        // and open without blocking in case the path changes in between.
        do throws(FileAccessError) {
            try FileAccess.requireRegularFile(atPath: path)
        } catch {
            throw .cannotOpen(path: path, reason: error.reason)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: Self.reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, reason: Self.reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .cannotOpen(path: path, reason: "it is not a regular file") }
        let size = Int(info.st_size)
        // mmap refuses empty files; the header check reports them as truncated.
        guard size > 0 else {
            base = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16))
            count = 0
            release = .deallocate
            return
        }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
            throw .cannotOpen(path: path, reason: Self.reason(errno))
        }
        base = UnsafeRawPointer(address)
        count = size
        release = .unmap
    }

    /// A private, aligned copy of `data` (bytes built in memory, e.g. by tests).
    init(copying data: Data) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, data.count), alignment: 16)
        data.withUnsafeBytes { raw in
            if let source = raw.baseAddress { buffer.copyMemory(from: source, byteCount: raw.count) }
        }
        base = UnsafeRawPointer(buffer)
        count = data.count
        release = .deallocate
    }

    /// Bytes that live as long as the process (a checkpoint compiled into the binary).
    init(permanent pointer: UnsafeRawPointer, count: Int) {
        base = pointer
        self.count = count
        release = .none
    }

    deinit {
        switch release {
        case .unmap: munmap(UnsafeMutableRawPointer(mutating: base), count)
        case .deallocate: UnsafeMutableRawPointer(mutating: base).deallocate()
        case .none: break
        }
    }

    /// All the bytes.
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    private static func reason(_ code: Int32) -> String {
        FileAccess.reason(errno: code, writing: false)
    }
}
