/// A dense, row-major array of `Float` with a shape: the one value type every kernel reads and writes.
///
/// Storage is normally a Swift array, so a `Tensor` has value semantics: copies are cheap until
/// one is mutated (copy-on-write). That is what lets the forward pass hand an intermediate to the
/// activation cache for free — the cache keeps a reference, and nothing mutates it afterwards.
///
/// A tensor can also *borrow* read-only memory that an owner object keeps alive — a memory-mapped
/// checkpoint's weights (``init(shape:borrowing:owner:)``). Loading GPT-2 small that way maps
/// 500 MB of page cache instead of copying it into freshly zeroed pages, which cost 0.2–0.9 s of
/// kernel time per process. Reads go through ``withUnsafeBufferPointer(_:)`` with no copy; the
/// first mutation copies the elements into an owned array, so value semantics still hold.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first (e.g. `[T, C]`).
    public private(set) var shape: [Int]
    /// Owned elements; empty while ``borrowed`` is set.
    private var owned: [Float]
    /// Read-only elements kept alive by another object; nil for owned storage.
    private var borrowed: BorrowedScalars?

    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    ///
    /// Reading this from a borrowing tensor copies its elements into an array: kernels use
    /// ``withUnsafeBufferPointer(_:)`` instead. Mutating it makes the storage owned first.
    public var scalars: [Float] {
        get { borrowed.map { Array($0.buffer) } ?? owned }
        _modify {
            makeOwned()
            yield &owned
        }
    }

    /// Creates a tensor from a shape and matching row-major scalars.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.owned = scalars
        self.borrowed = nil
    }

    /// Creates a tensor of the given shape filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a tensor whose elements are written by `body` into uninitialized storage.
    ///
    /// `body` must write every element; kernels use this to skip zero-filling outputs they
    /// overwrite anyway.
    public init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        self.shape = shape
        self.borrowed = nil
        self.owned = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            LargePages.advise(buffer)
            body(buffer)
            initialized = count
        }
    }

    /// Creates a tensor that reads `shape.reduce(1, *)` floats at `base` without copying them.
    ///
    /// `owner` must keep that memory alive and unchanged for as long as it lives (a mapped file,
    /// a buffer in the binary); every tensor made from it holds a reference to it.
    public init(shape: [Int], borrowing base: UnsafePointer<Float>, owner: AnyObject & Sendable) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        self.shape = shape
        self.owned = []
        self.borrowed = BorrowedScalars(base: base, count: shape.reduce(1, *), owner: owner)
    }

    /// Whether the elements live in memory another object owns (see ``init(shape:borrowing:owner:)``).
    public var isBorrowed: Bool { borrowed != nil }

    /// Calls `body` with the elements, without copying them.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
        if let view = borrowedBuffer { return try body(view) }
        return try withOwnedBuffer(body)
    }

    /// Calls `body` with the elements to modify in place (borrowed storage is copied first).
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        makeOwned()
        return try owned.withUnsafeMutableBufferPointer(body)
    }

    /// The borrowed elements, or nil for owned storage.
    @usableFromInline
    var borrowedBuffer: UnsafeBufferPointer<Float>? { borrowed?.buffer }

    /// `body` applied to the owned array's elements.
    @usableFromInline
    func withOwnedBuffer<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
        try owned.withUnsafeBufferPointer(body)
    }

    /// Copies borrowed elements into an owned array (no-op for owned storage).
    private mutating func makeOwned() {
        guard let borrowed else { return }
        owned = Array(borrowed.buffer)
        self.borrowed = nil
    }

    /// Equal shapes and equal elements (storage kind does not matter).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }

    /// Number of elements.
    public var count: Int { borrowed?.count ?? owned.count }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Size in bytes of the fp32 storage.
    public var byteCount: Int { count * MemoryLayout<Float>.stride }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        var copy = self
        copy.shape = newShape
        return copy
    }

    /// Row `index` of a rank-2 tensor, as a rank-1 tensor.
    public func row(_ index: Int) -> Tensor {
        precondition(rank == 2 && index >= 0 && index < shape[0], "row \(index) out of range for \(shape)")
        let width = shape[1]
        return Tensor(shape: [width], scalars: withUnsafeBufferPointer { Array($0[index * width ..< (index + 1) * width]) })
    }

    /// Rows `range` of a tensor, keeping every other dimension (`[N, ...] -> [range.count, ...]`).
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows \(range) out of range for \(shape)")
        let stride = shape.dropFirst().reduce(1, *)
        return Tensor(shape: [range.count] + shape.dropFirst(),
                      scalars: withUnsafeBufferPointer { Array($0[range.lowerBound * stride ..< range.upperBound * stride]) })
    }

    /// Tensors of equal trailing shape one after another along the first axis
    /// (`[N₁, ...]`, `[N₂, ...]` … `-> [N₁ + N₂ + …, ...]`): a batch of runs as one matrix.
    public init(stackingRows parts: [Tensor]) {
        precondition(!parts.isEmpty, "nothing to stack")
        let inner = Array(parts[0].shape.dropFirst())
        precondition(parts.allSatisfy { Array($0.shape.dropFirst()) == inner }, "stacked tensors differ in shape: \(parts.map(\.shape))")
        self.init(shape: [parts.reduce(0) { $0 + $1.shape[0] }] + inner) { out in
            var offset = 0
            for part in parts {
                part.withUnsafeBufferPointer { source in
                    guard let base = source.baseAddress else { return }
                    (out.baseAddress! + offset).update(from: base, count: source.count)
                }
                offset += part.count
            }
        }
    }

    /// Overwrites rows `row ..< row + part.shape[0]` with `part` (same trailing shape).
    public mutating func replaceRows(from row: Int, with part: Tensor) {
        precondition(rank >= 1 && Array(part.shape.dropFirst()) == Array(shape.dropFirst()) && row >= 0 && row + part.shape[0] <= shape[0],
                     "rows of \(part.shape) do not fit \(shape) at row \(row)")
        let stride = shape.dropFirst().reduce(1, *)
        part.withUnsafeBufferPointer { source in
            withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress else { return }
                (target.baseAddress! + row * stride).update(from: from, count: source.count)
            }
        }
    }

    /// Columns `range` of a rank-2 tensor (`[N, M] -> [N, range.count]`), e.g. the queries,
    /// keys or values out of `c_attn`'s `[T, 3C]` output.
    public func columns(_ range: Range<Int>) -> Tensor {
        precondition(rank == 2 && range.lowerBound >= 0 && range.upperBound <= shape[1], "columns \(range) out of range for \(shape)")
        let (rows, width) = (shape[0], shape[1])
        return Tensor(shape: [rows, range.count]) { out in
            guard !out.isEmpty else { return }
            withUnsafeBufferPointer { source in
                for row in 0 ..< rows {
                    (out.baseAddress! + row * range.count).update(from: source.baseAddress! + row * width + range.lowerBound, count: range.count)
                }
            }
        }
    }

    /// The largest absolute element-wise difference to `other` (shapes must match).
    public func maxAbsoluteDifference(to other: Tensor) -> Float {
        precondition(shape == other.shape, "shapes differ: \(shape) vs \(other.shape)")
        return withUnsafeBufferPointer { lhs in
            other.withUnsafeBufferPointer { rhs in
                var worst: Float = 0
                for (a, b) in zip(lhs, rhs) where a != b {   // equal values also cover equal infinities
                    worst = max(worst, abs(a - b))
                }
                return worst
            }
        }
    }
}
