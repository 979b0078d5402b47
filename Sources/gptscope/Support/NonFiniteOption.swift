import ArgumentParser
import GPTModel

/// `--allow-nonfinite`: every command that loads a checkpoint refuses a NaN or infinite weight
/// (naming the tensor and index) unless given this flag, e.g. to look at a diverged run.
struct NonFiniteOption: ParsableArguments {
    @Flag(name: .customLong("allow-nonfinite"), help: "Load a checkpoint even if a weight is NaN or infinite (refused by default).")
    var allowNonFinite = false

    /// Opens `path` (nil: the built-in model), checking the weights unless the flag is given.
    func openSession(_ path: String?) async throws -> ModelSession {
        try await ModelSession.open(path, allowNonFinite: allowNonFinite)
    }
}
