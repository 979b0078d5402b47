@testable import CairoKit
import CZlib
import Testing

/// Our vector Adler-32 against zlib's `adler32`, and a PNG stream zlib's `uncompress` accepts.
@Suite struct Adler32Tests {
    @Test func matchesZlibForEveryLengthAndSplit() {
        var seed: UInt32 = 99
        func next() -> UInt8 { seed = seed &* 1_664_525 &+ 1_013_904_223; return UInt8(seed >> 24) }
        // Lengths around the vector (16) and reduction block (5,536) sizes; all-0xFF data is the
        // overflow worst case.
        for length in [0, 1, 15, 16, 17, 255, 5_535, 5_536, 5_537, 5_552, 11_073, 70_001] {
            for bytes in [(0..<length).map { _ in next() }, [UInt8](repeating: 0xFF, count: length)] {
                let reference = bytes.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt($0.count))) }
                #expect(bytes.withUnsafeBytes { Adler32.update(Adler32.initial, $0) } == reference, "length \(length)")
                // Fed in two pieces, as the encoder feeds scanlines.
                let cut = length / 3
                let first = bytes[..<cut].withUnsafeBytes { Adler32.update(Adler32.initial, $0) }
                #expect(bytes[cut...].withUnsafeBytes { Adler32.update(first, $0) } == reference, "length \(length) split")
            }
        }
    }

    @Test func pngDataIsAZlibStreamWithAValidChecksum() throws {
        // 40 × 30 noise, RGB: IDAT must inflate with zlib (which verifies the checksum) to the
        // filtered scanlines: 30 rows of 1 + 120 bytes.
        var seed: UInt32 = 7
        let rgba: [UInt8] = (0..<(40 * 30)).flatMap { _ -> [UInt8] in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return [UInt8(truncatingIfNeeded: seed >> 24), UInt8(truncatingIfNeeded: seed >> 16), UInt8(truncatingIfNeeded: seed >> 8), 255]
        }
        let png = try [UInt8](Surface.image(rgba: rgba, width: 40, height: 30).pngData())
        let idatStart = try #require((0..<png.count - 4).first { png[$0..<$0 + 4] == [0x49, 0x44, 0x41, 0x54] })
        let length = png[(idatStart - 4)..<idatStart].reduce(0) { $0 << 8 | Int($1) }
        let stream = Array(png[(idatStart + 4)..<(idatStart + 4 + length)])
        #expect(stream.prefix(2) == [0x78, 0x01])
        var out = [UInt8](repeating: 0, count: 30 * 121)
        var outLength = uLongf(out.count)
        let status = out.withUnsafeMutableBufferPointer { o in
            stream.withUnsafeBufferPointer { uncompress(o.baseAddress, &outLength, $0.baseAddress, uLong($0.count)) }
        }
        #expect(status == Z_OK && outLength == uLongf(30 * 121))
    }
}
