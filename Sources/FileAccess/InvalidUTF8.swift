/// Where a byte sequence stops being well-formed UTF-8: the first byte of the offending
/// sequence, its 1-based line and its 0-based offset in the whole input.
public struct InvalidUTF8: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the offending byte (lines end at LF).
    public var line: Int
    /// 0-based byte offset of the offending byte from the start of the input.
    public var offset: Int
    /// The offending byte (the first of a malformed or truncated sequence).
    public var byte: UInt8

    public init(line: Int, offset: Int, byte: UInt8) {
        self.line = line
        self.offset = offset
        self.byte = byte
    }

    /// "line 2, byte offset 6: 0xe9".
    public var description: String {
        let digits = Array("0123456789abcdef")
        return "line \(line), byte offset \(offset): 0x" + String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// The first place `bytes` is not well-formed UTF-8, or nil when all of it is.
    ///
    /// Strict, as the Unicode standard's table 3-7 of well-formed sequences: no overlong forms
    /// (C0 80), no UTF-16 surrogates (ED A0 80), nothing above U+10FFFF, no truncated
    /// sequence at the end. A byte order mark and NUL bytes are well-formed.
    public static func find(in bytes: UnsafeBufferPointer<UInt8>) -> InvalidUTF8? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // ASCII runs, eight bytes at a time.
            while i + 8 <= count,
                  UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80 ... 0xBF
            switch lead {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0 ... 0xBF        // no overlong 3-byte forms
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
            case 0xED: length = 3; second = 0x80 ... 0x9F        // no surrogates
            case 0xF0: length = 4; second = 0x90 ... 0xBF        // no overlong 4-byte forms
            case 0xF1 ... 0xF3: length = 4
            case 0xF4: length = 4; second = 0x80 ... 0x8F        // nothing above U+10FFFF
            default: return at(i, in: bytes)                     // 80–C1, F5–FF never lead
            }
            guard i + length <= count, second.contains(base[i + 1]) else { return at(i, in: bytes) }
            for k in 2 ..< length where !(0x80 ... 0xBF).contains(base[i + k]) { return at(i, in: bytes) }
            i += length
        }
        return nil
    }

    /// ``find(in:)`` over an array.
    public static func find(in bytes: [UInt8]) -> InvalidUTF8? {
        bytes.withUnsafeBufferPointer { find(in: $0) }
    }

    private static func at(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> InvalidUTF8 {
        var line = 1
        for byte in bytes[..<offset] where byte == 0x0A { line += 1 }
        return InvalidUTF8(line: line, offset: offset, byte: bytes[offset])
    }
}
