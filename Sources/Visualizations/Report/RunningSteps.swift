import Foundation

/// The names of the report steps running now, kept by the jobs themselves (a queued job has not
/// started), so the progress line names what is being done rather than what is next in page order.
final class RunningSteps: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    /// The steps running now.
    var stems: Set<String> { lock.withLock { names } }

    func insert(_ name: String) { lock.withLock { _ = names.insert(name) } }

    func remove(_ name: String) { lock.withLock { _ = names.remove(name) } }
}
