/// Floats in memory that another object keeps alive: the storage of a borrowing ``Tensor``.
///
/// Immutable after creation; the owner promises the memory neither moves nor changes while it
/// lives, which is what makes sharing it across threads safe.
final class BorrowedScalars: @unchecked Sendable {
    /// First element.
    let base: UnsafePointer<Float>
    /// Number of elements.
    let count: Int
    /// Keeps `base` valid (e.g. the mapping of a checkpoint file).
    let owner: AnyObject & Sendable

    init(base: UnsafePointer<Float>, count: Int, owner: AnyObject & Sendable) {
        self.base = base
        self.count = count
        self.owner = owner
    }

    /// The elements.
    var buffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: base, count: count) }
}
