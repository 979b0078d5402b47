import Foundation
import OutputFolders

/// Turns an ``OutputFolderError`` (which knows no command-line options) into one line that
/// names the command's `--out` and `--force`.
enum OutputFolderMessage {
    /// A phrased error: ArgumentParser prints it as `Error: <description>`.
    struct Phrased: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body`; an ``OutputFolderError`` it throws comes out phrased for a command whose
    /// natural subfolder name is `subfolder` (suggested as `--out DIR/subfolder`).
    static func naming<T>(subfolder: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutputFolderError {
            throw Phrased(description: phrase(error, subfolder: subfolder))
        }
    }

    /// The line for `error`.
    static func phrase(_ error: OutputFolderError, subfolder: String) -> String {
        switch error {
        case let .notEmpty(path, _, _):
            let inside = URL(fileURLWithPath: path).appendingPathComponent(subfolder).path
            return error.problem + "; use --out \(inside) to write inside it, or --force to replace it (deleting what it holds)"
        case let .unusable(path, .symbolicLink(target)):
            return "--out \(path) is a symbolic link (to \(target)), which is never replaced or written through; give the real folder or another --out"
        case let .unusable(path, reason):
            return "cannot write to --out \(path): \(reason); choose another --out"
        case .busy:
            return error.problem + "; wait for it to finish or choose another --out"
        case .changedMeanwhile:
            return error.problem + "; run again to replace it"
        case .diskFull:
            return error.problem + "; free some space and run again"
        case .writeFailed, .cannotMoveIntoPlace:
            return error.problem + "; choose another --out"
        }
    }
}
