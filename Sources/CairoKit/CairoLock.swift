import Foundation

/// One process-wide recursive lock around Cairo's shared font machinery. Cairo's toy-font path
/// shares fontconfig/FreeType faces and caches between threads, so font selection, text drawing
/// and measuring, font-state release and Cairo object destruction are serialised here rather
/// than relying on every library in that chain being thread-safe. Path filling, image painting
/// and PNG encoding touch only their own surface and run outside the lock, so figures rasterise
/// in parallel.
public enum CairoLock {
    private static let lock = NSRecursiveLock()

    /// Runs `body` while holding the lock (re-entrant on the same thread).
    public static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
