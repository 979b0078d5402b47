import Foundation
import GPTModel
import TensorCore

/// The command line's side of the memory check: which budget applies, and the refusal as one
/// line that names the options to change (phrased by ``ErrorMessages``).
enum MemoryCheck {
    /// The environment variable that replaces the machine's available memory (bytes, or with a
    /// K, M or G suffix in binary units), so tests can exercise refusals without the memory.
    static let limitVariable = "GPTSCOPE_MEMORY_LIMIT"

    /// `$GPTSCOPE_MEMORY_LIMIT` when set, otherwise what the machine has available now.
    static func budget() throws -> MemoryBudget {
        guard let text = ProcessInfo.processInfo.environment[limitVariable] else { return .system() }
        guard let bytes = parseBytes(text) else {
            throw MemoryRefusal(message: "\(limitVariable) must be a byte count such as 8G, 512M or 1000000, got '\(text)'")
        }
        return MemoryBudget(availableBytes: bytes)
    }

    /// `512M` → 536,870,912; nil for anything that is not a positive size.
    static func parseBytes(_ text: String) -> Double? {
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        if digits.hasSuffix("B") { digits.removeLast() }
        var scale = 1.0
        if let last = digits.last, let unit = units[last] { scale = unit; digits.removeLast() }
        guard let value = Double(digits), value.isFinite, value > 0 else { return nil }
        return value * scale
    }

    /// Throws a ``MemoryRefusal`` unless `estimate` fits the budget.
    static func check(_ estimate: MemoryEstimate, _ phrase: (MemoryHint) -> String? = ErrorMessages.phrase) throws {
        let budget = try budget()
        try refusing(phrase) { try budget.check(estimate) }
    }

    /// Runs `body` (a library check) and turns its ``MemoryError`` into a ``MemoryRefusal``
    /// whose hints name this command's options (`phrase` returns nil to leave a hint out).
    static func refusing<T>(_ phrase: (MemoryHint) -> String? = ErrorMessages.phrase, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MemoryError {
            throw MemoryRefusal(message: ErrorMessages.line(error, phrase))
        }
    }
}

/// A command refused for lack of memory (or a malformed memory limit), as one line.
struct MemoryRefusal: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ModelSession {
    /// Refuses, before anything is allocated, a forward pass over `tokens` (after `past` cached
    /// positions) recording `hooks`, plus `extra`, that would not fit in memory. Commands that
    /// always record the same hooks pass `hooksOptional: false` to leave out the --hooks hint.
    func checkForwardMemory(tokens: Int, hooks: HookFilter = .none, past: Int = 0, extra: MemoryEstimate? = nil,
                            hooksOptional: Bool = false) throws {
        let budget = try MemoryCheck.budget()
        try MemoryCheck.refusing({ hint in hint == .fewerHooks && !hooksOptional ? nil : ErrorMessages.phrase(hint) }) {
            try model.checkForwardMemory(tokens: tokens, hooks: hooks, past: past, extra: extra, budget: budget)
        }
    }
}
