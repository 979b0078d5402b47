/// The Adler-32 checksum (RFC 1950) that ends a zlib stream, computed 16 bytes at a time.
///
/// zlib's own `adler32` is a scalar loop; over the ~400 MB of scanlines in a report it took
/// about a seventh of the PNG encoder's time. The vector form keeps per-lane byte sums and
/// prefix sums and folds them into the two 16-bit sums once per block of `NMAX` bytes, the
/// most that cannot overflow 32 bits between reductions.
enum Adler32 {
    /// The checksum of no bytes.
    static let initial: UInt32 = 1
    private static let modulus: UInt64 = 65_521
    /// Bytes per reduction: zlib's NMAX, rounded down to whole 16-byte vectors.
    private static let block = 5_552 / 16 * 16

    /// `checksum` continued over `bytes`.
    static func update(_ checksum: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var s1 = UInt64(checksum & 0xFFFF), s2 = UInt64(checksum >> 16)
        guard let base = bytes.baseAddress else { return checksum }
        let weights = SIMD16<UInt32>(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
        var offset = 0
        let count = bytes.count
        while count - offset >= 16 {
            let length = min(block, (count - offset) / 16 * 16)
            var sums = SIMD16<UInt32>(), prefixes = SIMD16<UInt32>(), weighted = SIMD16<UInt32>()
            var position = offset
            while position < offset + length {
                let v = SIMD16<UInt32>(truncatingIfNeeded: (base + position).loadUnaligned(as: SIMD16<UInt8>.self))
                prefixes &+= sums          // each earlier vector's bytes count 16 more times per vector
                sums &+= v
                weighted &+= v &* weights
                position += 16
            }
            // Every byte adds the running s1 to s2 once per byte still to come.
            s2 += UInt64(length) * s1 + 16 * UInt64(prefixes.wrappedSum()) + UInt64(weighted.wrappedSum())
            s1 += UInt64(sums.wrappedSum())
            s1 %= modulus
            s2 %= modulus
            offset += length
        }
        while offset < count {
            s1 += UInt64(bytes[offset])
            s2 += s1
            offset += 1
        }
        return UInt32(s2 % modulus) << 16 | UInt32(s1 % modulus)
    }
}
