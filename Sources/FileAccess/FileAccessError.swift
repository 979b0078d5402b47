/// Why a file could not be read or written, in one line that names the path and the reason.
///
/// Reasons are short and lower-case ("no space left on device", "it is a named pipe, not a
/// regular file"), so callers can fold them into their own errors.
public enum FileAccessError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file does not exist, is not a regular file, or reading it failed.
    case cannotRead(path: String, reason: String)
    /// Writing, creating or renaming failed (disk full, read-only disk, permission denied, ...).
    case cannotWrite(path: String, reason: String)
    /// The file is not valid UTF-8; `problem` says where.
    case notUTF8(path: String, problem: InvalidUTF8)

    /// The path the error is about.
    public var path: String {
        switch self {
        case let .cannotRead(path, _), let .cannotWrite(path, _), let .notUTF8(path, _): path
        }
    }

    /// The reason alone, without the path ("no such file", "no space left on device").
    public var reason: String {
        switch self {
        case let .cannotRead(_, reason), let .cannotWrite(_, reason): reason
        case let .notUTF8(_, problem): "not valid UTF-8 (\(problem))"
        }
    }

    /// One line: what failed, on which path, and why.
    public var description: String {
        switch self {
        case let .cannotRead(path, reason): "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .notUTF8(path, problem): "\(path) is not valid UTF-8 (\(problem))"
        }
    }
}
