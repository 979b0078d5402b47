import Foundation
import OutputFolders

/// Runs a command's output-folder work so that an ``OutputFolderError`` (which knows no
/// command-line options) comes out as one line naming the command's `--out` and `--force`,
/// phrased by ``ErrorMessages``.
enum OutputFolderMessage {
    /// Runs `body`; an ``OutputFolderError`` it throws comes out phrased for a command whose
    /// natural subfolder name is `subfolder` (suggested as `--out DIR/subfolder`).
    static func naming<T>(subfolder: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutputFolderError {
            throw ErrorMessages.Phrased(description: ErrorMessages.line(error, subfolder: subfolder))
        }
    }

    /// The same for an `async` body.
    static func naming<T>(subfolder: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OutputFolderError {
            throw ErrorMessages.Phrased(description: ErrorMessages.line(error, subfolder: subfolder))
        }
    }
}
