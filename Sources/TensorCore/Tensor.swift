/// A dense, row-major array of `Float` with a shape: the one value type every kernel reads and writes.
///
/// Storage is a Swift array, so a `Tensor` has value semantics: copies are cheap until one is
/// mutated (copy-on-write). That is what lets the forward pass hand an intermediate to the
/// activation cache for free — the cache keeps a reference, and nothing mutates it afterwards.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first (e.g. `[T, C]`).
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    /// Creates a tensor from a shape and matching row-major scalars.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
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
        self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            LargePages.advise(buffer)
            body(buffer)
            initialized = count
        }
    }

    /// Number of elements.
    public var count: Int { scalars.count }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Size in bytes of the fp32 storage.
    public var byteCount: Int { scalars.count * MemoryLayout<Float>.stride }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Row `index` of a rank-2 tensor, as a rank-1 tensor.
    public func row(_ index: Int) -> Tensor {
        precondition(rank == 2 && index >= 0 && index < shape[0], "row \(index) out of range for \(shape)")
        let width = shape[1]
        return Tensor(shape: [width], scalars: Array(scalars[index * width ..< (index + 1) * width]))
    }

    /// Rows `range` of a tensor, keeping every other dimension (`[N, ...] -> [range.count, ...]`).
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "rows \(range) out of range for \(shape)")
        let stride = shape.dropFirst().reduce(1, *)
        return Tensor(shape: [range.count] + shape.dropFirst(),
                      scalars: Array(scalars[range.lowerBound * stride ..< range.upperBound * stride]))
    }

    /// The largest absolute element-wise difference to `other` (shapes must match).
    public func maxAbsoluteDifference(to other: Tensor) -> Float {
        precondition(shape == other.shape, "shapes differ: \(shape) vs \(other.shape)")
        var worst: Float = 0
        for i in 0 ..< count {
            let a = scalars[i], b = other.scalars[i]
            if a == b { continue }  // also covers equal infinities
            worst = max(worst, abs(a - b))
        }
        return worst
    }
}
