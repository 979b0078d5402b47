#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileAccess
import Foundation
import Testing

/// Reading refuses what is not a regular file before opening it; file-system errors become one
/// line with the path and the reason.
@Suite struct FileAccessTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-fa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readsARegularFileWhole() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0 ..< 300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }  // more than one read
        let file = folder.appendingPathComponent("data.bin")
        try Data(bytes).write(to: file)
        #expect(try FileAccess.read(atPath: file.path) == bytes)
        try Data().write(to: file)
        #expect(try FileAccess.read(atPath: file.path) == [])
    }

    @Test func namedPipeIsRefusedWithoutBlocking() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("model.safetensors").path
        #expect(mkfifo(pipe, 0o600) == 0)
        // Opening a pipe with no writer would block forever; the type check comes first.
        #expect(throws: FileAccessError.cannotRead(path: pipe, reason: "it is a named pipe, not a regular file")) {
            try FileAccess.read(atPath: pipe)
        }
        #expect(throws: FileAccessError.cannotRead(path: pipe, reason: "it is a named pipe, not a regular file")) {
            try FileAccess.requireRegularFile(atPath: pipe)
        }
    }

    @Test func pipeIsReadToTheEndWhereStreamsAreAccepted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("stream").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let bytes = (0 ..< 200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let writer = Thread {
            let fd = open(pipe, O_WRONLY)
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(fd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { break }
                    done += n
                }
            }
            close(fd)
        }
        writer.start()
        #expect(try FileAccess.read(atPath: pipe, accepting: .fileOrStream) == bytes)
    }

    @Test func foldersDevicesAndMissingFilesAreNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: FileAccessError.cannotRead(path: folder.path, reason: "it is a folder")) {
            try FileAccess.read(atPath: folder.path, accepting: .fileOrStream)
        }
        #expect(throws: FileAccessError.cannotRead(path: "/dev/null", reason: "it is a character device, not a regular file")) {
            try FileAccess.read(atPath: "/dev/null")
        }
        // A device that is not a terminal never ends (/dev/zero), so streams do not include it.
        #expect(throws: FileAccessError.cannotRead(path: "/dev/zero", reason: "it is a character device, not a regular file")) {
            try FileAccess.read(atPath: "/dev/zero", accepting: .fileOrStream)
        }
        let missing = folder.appendingPathComponent("missing.txt").path
        #expect(throws: FileAccessError.cannotRead(path: missing, reason: "no such file")) { try FileAccess.read(atPath: missing) }
        // A path through a regular file (works as root too, unlike a chmod'ed folder).
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let through = file.appendingPathComponent("vocab.json").path
        let error = #expect(throws: FileAccessError.self) { try FileAccess.read(atPath: through) }
        #expect(error?.description == "cannot read \(through): a part of the path is a file, not a folder")
    }

    @Test func readTextRefusesInvalidUTF8WithLineAndOffset() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin1.txt")
        try Data(Array("ok\r\ncaf".utf8) + [0xE9]).write(to: file)
        let error = #expect(throws: FileAccessError.self) { try FileAccess.readText(atPath: file.path) }
        #expect(error == .notUTF8(path: file.path, problem: InvalidUTF8(line: 2, offset: 7, byte: 0xE9)))
        #expect(error?.description == "\(file.path) is not valid UTF-8 (line 2, byte offset 7: 0xe9)")
    }

    // MARK: Write errors

    static func cocoa(_ code: CocoaError.Code, errno: Int32?, path: String) -> Error {
        var info: [String: Any] = [NSFilePathErrorKey: path]
        if let errno { info[NSUnderlyingErrorKey] = NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
        return CocoaError(code, userInfo: info)
    }

    @Test func foundationWriteErrorsBecomeOneLine() {
        let cases: [(Error, String)] = [
            (Self.cocoa(.fileWriteOutOfSpace, errno: ENOSPC, path: "output/x.png"), "cannot write output/x.png: no space left on device"),
            (Self.cocoa(.fileWriteVolumeReadOnly, errno: EROFS, path: "output/x.png"), "cannot write output/x.png: read-only file system"),
            (Self.cocoa(.fileWriteNoPermission, errno: EACCES, path: "/etc/x.png"), "cannot write /etc/x.png: permission denied"),
            (Self.cocoa(.fileWriteFileExists, errno: EEXIST, path: "out"), "cannot write out: it is a file, where a folder is needed"),
            // Without the underlying POSIX error, the Foundation code says it.
            (Self.cocoa(.fileWriteOutOfSpace, errno: nil, path: "a.svg"), "cannot write a.svg: no space left on device"),
            (Self.cocoa(.fileNoSuchFile, errno: nil, path: "no/such/dir/a.svg"), "cannot write no/such/dir/a.svg: its folder does not exist"),
            (Self.cocoa(.fileReadNoPermission, errno: EACCES, path: "secret.json"), "cannot read secret.json: permission denied"),
            (POSIXError(.ENOSPC), "cannot write a file: no space left on device"),
        ]
        for (error, line) in cases {
            #expect(FileAccess.describe(error) == line)
            #expect(!line.contains("Domain"))
        }
        #expect(FileAccess.describe(POSIXError(.EROFS), path: "run/model.safetensors")
            == "cannot write run/model.safetensors: read-only file system")
        #expect(FileAccess.reason(for: Self.cocoa(.fileWriteOutOfSpace, errno: ENOSPC, path: "x")) == "no space left on device")
    }

    @Test func otherErrorsAreLeftAlone() {
        struct Unrelated: Error, CustomStringConvertible { var description: String { "unrelated" } }
        #expect(FileAccess.failure(Unrelated()) == nil)
        #expect(FileAccess.describe(Unrelated()) == "unrelated")
        #expect(FileAccess.failure(CocoaError(.propertyListReadCorrupt)) == nil)
    }

    /// Real failures from Foundation's own writes, where the system allows making them.
    @Test func realWriteFailures() throws {
        // A full disk: /dev/full fails every write with ENOSPC (Linux).
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let error = #expect(throws: (any Error).self) { try Data("x".utf8).write(to: URL(fileURLWithPath: "/dev/full")) }
            #expect(error.map { FileAccess.describe($0) } == "cannot write /dev/full: no space left on device")
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let inside = file.appendingPathComponent("x.png")
        let error = #expect(throws: (any Error).self) { try Data("x".utf8).write(to: inside) }
        #expect(error.map { FileAccess.describe($0) } == "cannot write \(inside.path): a part of the path is a file, not a folder")
        let made = #expect(throws: (any Error).self) {
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
        }
        #expect(made.map { FileAccess.describe($0) } == "cannot write \(file.path): it is a file, where a folder is needed")
    }
}
