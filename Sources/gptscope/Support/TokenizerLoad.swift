import Dispatch
import Tokenization

/// A tokenizer being loaded on a background thread (see `ModelSession.open`).
final class TokenizerLoad: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the loading thread before `done` is signalled, read after waiting.
    private var result: Result<Tokenizer?, any Error> = .success(nil)

    /// Starts `load` at once.
    init(_ load: @escaping @Sendable () throws -> Tokenizer?) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try load() }
            self.done.signal()
        }
    }

    /// The tokenizer (or nil), waiting for the load; rethrows its error. Call once.
    func value() throws -> Tokenizer? {
        done.wait()
        return try result.get()
    }
}
