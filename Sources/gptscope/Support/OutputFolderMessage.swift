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

    /// The same for an `async` body.
    static func naming<T>(subfolder: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OutputFolderError {
            throw Phrased(description: phrase(error, subfolder: subfolder))
        }
    }

    /// The line for `error`: the library's problem, and its hint phrased with this command's options.
    static func phrase(_ error: OutputFolderError, subfolder: String) -> String {
        let problem = if case let .unusable(path, reason) = error { "cannot write to --out \(path): \(reason)" } else { error.problem }
        let fix = switch error.hint {
        case .writeInsideOrAllowReplacing:
            "use --out \(URL(fileURLWithPath: error.path).appendingPathComponent(subfolder).path) to write inside it, "
                + "or --force to replace it (deleting what it holds)"
        case .chooseAnotherPath: "choose another --out"
        case .waitOrChooseAnotherPath: "wait for it to finish or choose another --out"
        case .freeSpace: "free some space and run again"
        case .runAgainIfNeeded: "run again to replace it"
        }
        return problem + "; " + fix
    }
}
