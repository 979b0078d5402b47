import TensorCore

/// Keys and values of every position processed so far, per layer, so generation computes only
/// the new token's row (passed explicitly, never global).
public struct KVCache: Sendable {
    /// One layer's cached keys and values, each `[length, KV·hs]` (C without grouped-query
    /// attention) with room for `capacity` rows.
    public struct Layer: Sendable {
        /// Cached keys, row-major `[length, C]`.
        public private(set) var keys: [Float] = []
        /// Cached values, row-major `[length, C]`.
        public private(set) var values: [Float] = []
        /// Number of filled rows (positions).
        public private(set) var length = 0
        /// Maximum number of positions.
        public let capacity: Int
        /// Row width C.
        public let width: Int

        /// An empty layer cache for up to `capacity` positions of width `width`.
        ///
        /// Room is reserved but not written: untouched pages cost nothing, and a whole-sequence
        /// forward pass never uses it (see ``append(keys:values:)``).
        public init(capacity: Int, width: Int) {
            self.capacity = capacity
            self.width = width
            keys.reserveCapacity(capacity * width)
            values.reserveCapacity(capacity * width)
        }

        /// Appends `k` and `v` (`[T, C]` each) after the filled rows.
        public mutating func append(keys k: Tensor, values v: Tensor) {
            let rows = k.shape[0]
            precondition(length + rows <= capacity, "KV cache full: \(length) + \(rows) > \(capacity)")
            if length == 0 && rows == capacity {
                // The whole sequence at once (a plain forward pass): share k's and v's storage
                // instead of copying them, since nothing will be appended after.
                keys = k.scalars
                values = v.scalars
            } else {
                keys.append(contentsOf: k.scalars)
                values.append(contentsOf: v.scalars)
            }
            length += rows
        }
    }

    /// One cache per block.
    public var layers: [Layer]

    /// An empty cache for `configuration`, up to `capacity` positions (default: the context length).
    public init(configuration: GPTConfiguration, capacity: Int? = nil) {
        let positions = capacity ?? configuration.contextLength
        layers = (0 ..< configuration.layerCount).map { _ in
            // Keys and values of the KV heads only: n_kv · d_head per position (d_model for GPT-2).
            Layer(capacity: positions, width: configuration.keyValueHeadCount * configuration.headWidth)
        }
    }

    /// Number of positions cached (the position the next token will take).
    public var length: Int { layers.first?.length ?? 0 }

    /// Bytes reserved by the cache (room for `capacity` positions of keys and values per layer).
    public var byteCount: Int { layers.reduce(0) { $0 + 2 * $1.capacity * $1.width * 4 } }
}
