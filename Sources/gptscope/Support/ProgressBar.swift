import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error for work that takes more than a couple of seconds.
///
/// On a terminal it redraws one line in place (bar, count, percentage, elapsed time, estimate
/// of the time left, and what is being done now), at most 15 times a second. When standard
/// error is a file or a pipe (CI logs, tests) it writes plain lines instead, one every 10 % or
/// every 2 seconds, so logs stay short and readable. Standard output is never touched.
///
///     var bar = ProgressBar(total: recipes.count, title: "Drawing")
///     for (i, recipe) in recipes.enumerated() { bar.update(i, detail: recipe.stem); … }
///     bar.finish("Wrote 48 figures")
struct ProgressBar {
    /// Number of steps.
    let total: Int
    /// What the work is, e.g. "Report".
    let title: String
    /// Whether standard error is a terminal (then the line is redrawn in place).
    let isTerminal: Bool

    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastPlainTenth = -1
    private var drewLine = false

    /// A bar for `total` steps titled `title`; `isTerminal` defaults to whether stderr is a TTY.
    init(total: Int, title: String, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(1, total)
        self.title = title
        self.isTerminal = isTerminal
    }

    /// Seconds since the bar was created.
    var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    /// Shows that `completed` steps are done and `detail` is being worked on.
    mutating func update(_ completed: Int, detail: String = "") {
        let done = min(max(completed, 0), total)
        let now = Date()
        if isTerminal {
            guard done == total || now.timeIntervalSince(lastDraw) >= 1.0 / 15 else { return }
            lastDraw = now
            Console.write("\r" + terminalLine(done, detail) + "\u{1B}[K")
            drewLine = true
        } else {
            let tenth = done * 10 / total
            guard tenth > lastPlainTenth || now.timeIntervalSince(lastDraw) >= 2 else { return }
            lastPlainTenth = tenth
            lastDraw = now
            let percent = done * 100 / total
            Console.write("\(title): \(done)/\(total) (\(percent)%) \(Self.clock(elapsed))\(detail.isEmpty ? "" : " " + detail)\n")
        }
    }

    /// Completes the bar (clearing the terminal line) and prints `message`, if any, on its own line.
    mutating func finish(_ message: String? = nil) {
        if isTerminal && drewLine { Console.write("\r\u{1B}[K") }
        drewLine = false
        if let message { Console.write(message + "\n") }
    }

    /// `Report  [██████████░░░░░░░░░░]  12/48  25%  0:04 (about 0:12 left)  attention.L3.heads`.
    private func terminalLine(_ done: Int, _ detail: String) -> String {
        let fraction = Double(done) / Double(total)
        let barWidth = 24
        let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        var bar = String(repeating: "█", count: eighths / 8) + partial
        bar += String(repeating: " ", count: max(0, barWidth - eighths / 8 - (partial.isEmpty ? 0 : 1)))
        var line = "\(title) [\(bar)] \(done)/\(total) \(Int(fraction * 100))% \(Self.clock(elapsed))"
        if done > 0 && done < total {
            line += " (about \(Self.clock(elapsed / fraction - elapsed)) left)"
        }
        if !detail.isEmpty { line += "  " + detail }
        // Never wrap: a wrapped line cannot be redrawn with \r.
        let columns = Self.terminalColumns()
        return line.count < columns ? line : String(line.prefix(max(10, columns - 1)))
    }

    /// `m:ss` (or `h:mm:ss`).
    static func clock(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    private static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
