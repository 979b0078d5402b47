import Dispatch
import Foundation
import OutputFolders

/// Ctrl-C (SIGINT) and SIGTERM while a command writes output: remove every unfinished staging
/// folder (``StagingRegistry``), say so on stderr, and exit at once with 128 + the signal
/// number (130 for Ctrl-C), even while other threads are still drawing or writing.
///
/// Signals are received on a dispatch queue, not in a signal handler, so the clean-up may use
/// locks and the file system; it waits for a folder being moved into place.
enum Interruption {
    private final class Sources: @unchecked Sendable {
        let lock = NSLock()
        var installed: [Int32: DispatchSourceSignal] = [:]
    }
    private static let sources = Sources()

    /// Makes SIGINT and SIGTERM quit at once, cleaning up.
    static func quitOnSignals() {
        handle([SIGINT, SIGTERM]) { quitNow($0) }
    }

    /// Routes `signals` to `handler` (on a dispatch queue) instead of their default action.
    static func handle(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        sources.lock.withLock {
            for number in signals {
                sources.installed[number]?.cancel()
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler { handler(number) }
                source.resume()
                sources.installed[number] = source
            }
        }
    }

    /// Removes the unfinished output, notes it on stderr (after `note`, if any) and exits with
    /// 128 + `signal`. `_exit` skips atexit handlers, which could wait for threads still at work.
    static func quitNow(_ signal: Int32, note: String? = nil) -> Never {
        let destinations = StagingRegistry.removeAllForExit()
        var lines = ["", note ?? "Interrupted."]
        if !destinations.isEmpty {
            lines.append("Removed the unfinished output meant for \(destinations.map(\.path).joined(separator: ", ")) (what was there before is untouched).")
        }
        fflush(nil)   // what was printed so far (stdout may be a file)
        Console.note(lines.joined(separator: "\n"))
        _exit(128 + signal)
    }
}
