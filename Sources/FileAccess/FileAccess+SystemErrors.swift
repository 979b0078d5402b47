#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One mapping from system and Foundation file errors to short reasons, so that a full disk
/// reads "cannot write output/x.png: no space left on device" everywhere, never a dump of an
/// `NSError` with its user-info dictionary.
extension FileAccess {
    /// A short, lower-case reason for a POSIX error code; `writing` picks the wording of ENOENT
    /// (a missing file when reading, a missing folder when writing).
    public static func reason(errno code: Int32, writing: Bool) -> String {
        switch code {
        case ENOENT: return writing ? "its folder does not exist" : "no such file"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder"
        case EEXIST: return "it is a file, where a folder is needed"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on device"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "read-only file system"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// The file failure inside a Foundation or POSIX error (`CocoaError`, `POSIXError`, or an
    /// `NSError` of their domains), naming the error's own path or else `path`; nil for any
    /// other error.
    public static func failure(_ error: Error, path: String? = nil) -> FileAccessError? {
        if let error = error as? FileAccessError { return error }
        let ns = error as NSError
        let code: Int32
        var writing: Bool
        switch ns.domain {
        case NSPOSIXErrorDomain:
            code = Int32(truncatingIfNeeded: ns.code)
            writing = code == EEXIST
        case NSCocoaErrorDomain:
            // Foundation's file codes: 4 and 512...767 are writes, 256...511 reads.
            writing = ns.code == CocoaError.fileNoSuchFile.rawValue || (512 ... 767).contains(ns.code)
            guard writing || (256 ... 511).contains(ns.code) else { return nil }
            // On Linux the underlying error is often a Swift POSIXError, which `as? NSError` misses.
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? POSIXError {
                code = underlying.code.rawValue
            } else if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                code = Int32(truncatingIfNeeded: underlying.code)
            } else {
                code = posixCode(cocoa: ns.code)
            }
        default:
            return nil
        }
        if [ENOSPC, EROFS, EDQUOT].contains(code) { writing = true }
        let named = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? path ?? "a file"
        let reason = code == 0 ? ns.localizedDescription : reason(errno: code, writing: writing)
        return writing ? .cannotWrite(path: named, reason: reason) : .cannotRead(path: named, reason: reason)
    }

    /// One line for any error: a file failure as ``failure(_:path:)`` words it, any other error
    /// as its own description.
    public static func describe(_ error: Error, path: String? = nil) -> String {
        failure(error, path: path)?.description ?? "\(error)"
    }

    /// The reason alone ("no space left on device"), for errors that name their path themselves.
    public static func reason(for error: Error) -> String {
        failure(error)?.reason ?? "\(error)"
    }

    /// The POSIX code behind a Foundation file error code that carries no underlying error.
    private static func posixCode(cocoa code: Int) -> Int32 {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: EACCES
        case .fileWriteOutOfSpace: ENOSPC
        case .fileWriteVolumeReadOnly: EROFS
        case .fileWriteFileExists: EEXIST
        case .fileReadTooLarge: EFBIG
        default: 0
        }
    }
}
