import Foundation

/// A value computed once, on first use, by whichever thread asks first; threads asking
/// meanwhile wait for it instead of computing it again.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    /// A value that `make` will compute when first read.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value (computed now if this is the first read).
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let value = make()
        stored = value
        return value
    }
}
