/// Attention scores or a pattern, `[NH, T, S]`, holding only the lower triangle each query sees:
/// half the memory of the square at long contexts, exactly the same float32 values.
///
/// Query i sits at absolute position past + i and sees keys 0 ... past + i. Rows are grouped in
/// tiles of ``attentionQueryBlock`` queries; tile b (queries first ..< first + rows) is stored as
/// a row-major `[rows, visible]` matrix with visible = past + first + rows, the keys its last
/// query sees. That is the layout the blocked BLAS kernels write and read in place (the tile's
/// leading dimension is `visible`), so nothing is copied between QKᵀ, the softmax and pattern·V.
/// Inside a tile, entries right of a query's own key hold ``fill`` like everything outside it:
/// `-infinity` for scores, 0 for a pattern.
///
/// ```
/// T = 3, past = 0, tile of 2 then 1:   [s00 fill]        tile 0: [2, 2]
///                                      [s10 s11 ]
///                                      [s20 s21 s22]     tile 1: [1, 3]
/// ```
public struct CausalScores: Sendable, Equatable {
    /// Number of heads NH.
    public let heads: Int
    /// Number of queries T.
    public let queries: Int
    /// Cached positions before the first query (S = past + T).
    public let past: Int
    /// The value of every key a query does not see: `-infinity` (scores) or 0 (a pattern).
    public private(set) var fill: Float
    /// The tiles of every head, head after head.
    public private(set) var storage: [Float]

    /// Number of keys S.
    public var keys: Int { past + queries }
    /// The logical shape `[NH, T, S]`.
    public var shape: [Int] { [heads, queries, keys] }
    /// Elements stored (all heads).
    public var count: Int { storage.count }
    /// Bytes of float32 storage.
    public var byteCount: Int { storage.count * MemoryLayout<Float>.stride }
    /// Elements of one head's tiles.
    public var headStride: Int { Self.headCount(queries: queries, past: past) }

    /// Elements stored per head for `queries` queries after `past` cached positions.
    public static func headCount(queries t: Int, past: Int) -> Int {
        // Closed form of Σ over tiles of rows · (past + first + rows): n full tiles, then r rows
        // (constant time: the element subscript computes it on every read).
        let block = attentionQueryBlock, n = t / block, r = t % block
        return n * block * past + block * block * n * (n + 1) / 2 + r * (past + n * block + r)
    }

    /// Tile `(first, rows, visible, offset)` of each head, `offset` counted from the head's start.
    public static func tiles(queries t: Int, past: Int) -> [(first: Int, rows: Int, visible: Int, offset: Int)] {
        var offset = 0
        return stride(from: 0, to: t, by: attentionQueryBlock).map { first in
            let rows = min(attentionQueryBlock, t - first), visible = past + first + rows
            defer { offset += rows * visible }
            return (first, rows, visible, offset)
        }
    }

    /// Scores whose tiles `body` writes into uninitialized storage (every element, masked ones as `fill`).
    public init(heads: Int, queries: Int, past: Int, fill: Float,
                initializingWith body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        self.heads = heads
        self.queries = queries
        self.past = past
        self.fill = fill
        let count = heads * Self.headCount(queries: queries, past: past)
        storage = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            LargePages.advise(buffer)
            body(buffer)
            initialized = count
        }
    }

    /// The lower triangle of a dense `[NH, T, S]` tensor whose entries right of each query's own
    /// key are `fill` (they are not read).
    public init(packing dense: Tensor, past: Int, fill: Float) {
        precondition(dense.rank == 3 && dense.shape[2] == past + dense.shape[1], "CausalScores: \(dense.shape) after \(past) cached positions")
        let (nh, t, s) = (dense.shape[0], dense.shape[1], dense.shape[2])
        let tiles = Self.tiles(queries: t, past: past), stride = Self.headCount(queries: t, past: past)
        self.init(heads: nh, queries: t, past: past, fill: fill) { out in
            dense.withUnsafeBufferPointer { src in
                for h in 0 ..< nh {
                    for tile in tiles {
                        for i in 0 ..< tile.rows {
                            let seen = past + tile.first + i + 1
                            let to = out.baseAddress! + h * stride + tile.offset + i * tile.visible
                            to.update(from: src.baseAddress! + (h * t + tile.first + i) * s, count: seen)
                            (to + seen).update(repeating: fill, count: tile.visible - seen)
                        }
                    }
                }
            }
        }
    }

    /// Head `h` as a dense `[T, S]` matrix, masked entries `fill`.
    public func head(_ h: Int) -> Tensor {
        precondition(h >= 0 && h < heads, "head \(h) outside 0..<\(heads)")
        let (t, s) = (queries, keys)
        return Tensor(shape: [t, s]) { out in unpack(head: h, into: out.baseAddress!) }
    }

    /// The dense `[NH, T, S]` tensor (what TransformerLens records), masked entries `fill`.
    public func unpacked() -> Tensor {
        let plane = queries * keys
        return Tensor(shape: shape) { out in
            for h in 0 ..< heads { unpack(head: h, into: out.baseAddress! + h * plane) }
        }
    }

    /// Writes head `h`'s `[T, S]` rows at `out`.
    private func unpack(head h: Int, into out: UnsafeMutablePointer<Float>) {
        let s = keys
        storage.withUnsafeBufferPointer { src in
            for tile in Self.tiles(queries: queries, past: past) {
                for i in 0 ..< tile.rows {
                    let row = out + (tile.first + i) * s
                    row.update(from: src.baseAddress! + h * headStride + tile.offset + i * tile.visible, count: tile.visible)
                    (row + tile.visible).update(repeating: fill, count: s - tile.visible)
                }
            }
        }
    }

    /// Element `[h, i, j]`: the stored value when query i sees key j (j ≤ past + i), else ``fill``.
    ///
    /// Reads one element without unpacking the head: every tile before query i's is full
    /// (B = ``attentionQueryBlock`` rows, tile b seeing past + (b + 1)·B keys), so tile b starts
    /// b·B·past + B²·b(b + 1)/2 elements into its head.
    public subscript(head h: Int, query i: Int, key j: Int) -> Float {
        precondition(h >= 0 && h < heads && i >= 0 && i < queries && j >= 0 && j < keys,
                     "CausalScores: [\(h), \(i), \(j)] outside \(shape)")
        guard j <= past + i else { return fill }
        let block = attentionQueryBlock, b = i / block, first = b * block
        let visible = past + first + min(block, queries - first)
        return storage[h * headStride + b * block * past + block * block * b * (b + 1) / 2 + (i - first) * visible + j]
    }

    /// Calls `body` with the tiles, without copying them.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) -> R) -> R {
        storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the tiles to change in place (copied first if another value shares them),
    /// then sets the masked value to `fill`.
    public mutating func update(fill newFill: Float, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        storage.withUnsafeMutableBufferPointer { body($0) }
        fill = newFill
    }
}
