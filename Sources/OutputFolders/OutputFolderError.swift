/// Why an output folder cannot be used, written or put in place. Descriptions are one line
/// naming the folder, the problem and a fix; ``hint`` tells a command-line tool which of its
/// own options to suggest instead (the library knows none of them).
public enum OutputFolderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The folder holds files the writer did not write; replacing it would delete them.
    case notEmpty(path: String, itemCount: Int, example: String)
    /// The path cannot hold the output at all (a file, a symbolic link, no write permission).
    case unusable(path: String, reason: Reason)
    /// Another run is writing into the folder right now.
    case busy(path: String)
    /// Another writer put a folder at the path while this one was writing; its result was kept.
    case changedMeanwhile(path: String)
    /// The disk filled up while writing `file`; nothing was put in place.
    case diskFull(path: String, file: String)
    /// Writing `file` failed for another reason; nothing was put in place.
    case writeFailed(path: String, file: String, reason: String)
    /// The finished folder could not be moved to the path.
    case cannotMoveIntoPlace(path: String, reason: String)

    /// Why a path cannot hold an output folder.
    public enum Reason: Equatable, Sendable {
        /// The path itself is a file.
        case isAFile
        /// A folder above it is a file (`ancestor`).
        case ancestorIsAFile(ancestor: String)
        /// The path is a symbolic link (to `target`); a link is never replaced or written through.
        case symbolicLink(target: String)
        /// `folder` (the path or the nearest existing folder above it) cannot be written.
        case notWritable(folder: String)
        /// The system refused for another reason.
        case other(String)
    }

    /// What the user can do about it, for a caller that phrases the fix in its own terms.
    public enum Hint: Equatable, Sendable {
        /// Write into a new folder inside the path, or explicitly allow replacing it.
        case writeInsideOrAllowReplacing
        /// Choose another path.
        case chooseAnotherPath
        /// Wait for the other run, or choose another path.
        case waitOrChooseAnotherPath
        /// Free some disk space and run again.
        case freeSpace
        /// Run again (the other writer's result is in place).
        case runAgainIfNeeded
    }

    /// The folder the output was meant for.
    public var path: String {
        switch self {
        case let .notEmpty(path, _, _), let .unusable(path, _), let .busy(path), let .changedMeanwhile(path),
             let .diskFull(path, _), let .writeFailed(path, _, _), let .cannotMoveIntoPlace(path, _):
            return path
        }
    }

    /// The kind of fix that applies.
    public var hint: Hint {
        switch self {
        case .notEmpty: return .writeInsideOrAllowReplacing
        case .unusable, .writeFailed, .cannotMoveIntoPlace: return .chooseAnotherPath
        case .busy: return .waitOrChooseAnotherPath
        case .diskFull: return .freeSpace
        case .changedMeanwhile: return .runAgainIfNeeded
        }
    }

    /// The problem alone, without the fix: "cannot write to /x/a: it is a file, not a folder".
    public var problem: String {
        switch self {
        case let .notEmpty(path, count, example):
            let items = count == 1 ? "1 item: '\(example)'" : "\(count) items, e.g. '\(example)'"
            return "\(path) is not empty and was not written by gptscope (\(items)); it was left untouched"
        case let .unusable(path, reason):
            return "cannot write to \(path): \(reason)"
        case let .busy(path):
            return "another gptscope run is writing \(path) right now"
        case let .changedMeanwhile(path):
            return "\(path) was written by another run while this one was working; that result was kept and this one discarded"
        case let .diskFull(path, file):
            return "the disk is full (writing \(file) for \(path)); nothing was written"
        case let .writeFailed(path, file, reason):
            return "cannot write \(file) for \(path) (\(reason)); nothing was written"
        case let .cannotMoveIntoPlace(path, reason):
            return "cannot move the finished folder to \(path) (\(reason)); nothing was changed"
        }
    }

    public var description: String {
        switch hint {
        case .writeInsideOrAllowReplacing: return problem + "; write into a new folder inside it, or allow replacing it"
        case .chooseAnotherPath: return problem + "; choose another folder"
        case .waitOrChooseAnotherPath: return problem + "; wait for it to finish or choose another folder"
        case .freeSpace: return problem + "; free some space and run again"
        case .runAgainIfNeeded: return problem + "; run again to replace it"
        }
    }
}

extension OutputFolderError.Reason: CustomStringConvertible {
    /// One clause: "it is a file, not a folder".
    public var description: String {
        switch self {
        case .isAFile: return "it is a file, not a folder"
        case let .ancestorIsAFile(ancestor): return "\(ancestor) is a file, not a folder"
        case let .symbolicLink(target): return "it is a symbolic link (to \(target)), which is never replaced or written through"
        case let .notWritable(folder): return "\(folder) is not writable"
        case let .other(reason): return reason
        }
    }
}
