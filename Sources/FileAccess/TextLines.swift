/// The lines of a text file's bytes, whatever wrote it.
///
/// Lines end at LF; a CR at the end of a line is dropped (Windows' CRLF), and a UTF-8 byte order
/// mark at the very start is skipped. Text editors on Windows write both, and neither belongs to
/// the first line's content. Bytes are not decoded here: check them with
/// ``InvalidUTF8/find(in:)`` first where they must be text.
///
/// ```swift
/// for line in TextLines(buffer) where !line.bytes.isEmpty {
///     print(line.number, line.text)
/// }
/// ```
public struct TextLines: Sequence {
    /// One line, without its line ending.
    public struct Line {
        /// 1-based line number.
        public let number: Int
        /// The line's bytes (no CR, no LF).
        public let bytes: UnsafeBufferPointer<UInt8>

        /// The bytes as a string (invalid UTF-8 repaired; validate first where that matters).
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private let buffer: UnsafeBufferPointer<UInt8>

    /// The lines of `buffer`, which must outlive the iteration.
    public init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    public func makeIterator() -> Iterator {
        let bom = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
        return Iterator(buffer: buffer, start: bom ? 3 : 0)
    }

    /// Walks the buffer one line at a time; a final line without LF counts, an empty rest after
    /// the last LF does not.
    public struct Iterator: IteratorProtocol {
        let buffer: UnsafeBufferPointer<UInt8>
        var start: Int
        var number = 0

        public mutating func next() -> Line? {
            guard start < buffer.count else { return nil }
            number += 1
            var end = start
            while end < buffer.count && buffer[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = Line(number: number, bytes: UnsafeBufferPointer(rebasing: buffer[start ..< lineEnd]))
            start = end + 1
            return line
        }
    }

    /// `bytes` with every CRLF turned into LF (a lone CR stays); the same array when it has no CR.
    public static func withLFLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, byte) in bytes.enumerated() where !(byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
            out.append(byte)
        }
        return out
    }
}
