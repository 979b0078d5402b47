import Foundation
import TensorCore

/// A memory-mapped `.safetensors` file, validated when opened, read one tensor at a time.
///
/// fp32 tensors are not copied: they borrow the mapping (see ``SafetensorsBytes``), which stays
/// alive while any of them does.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor name to
/// `{dtype, shape, data_offsets: [begin, end]}` (offsets relative to the data section) plus an
/// optional `__metadata__` string map, then the data section. Opening checks everything that can
/// be checked without reading the data: header bounds, every entry's dtype, shape and byte range
/// (size equals shape × dtype, inside the data section, no overlaps).
public struct SafetensorsFile: @unchecked Sendable {
    /// One tensor's description from the header.
    public struct Entry: Sendable, Equatable {
        /// The stored element type.
        public var dtype: SafetensorsDType
        /// The tensor's shape.
        public var shape: [Int]
        /// Byte range in the file (absolute, already offset by the header).
        public var byteRange: Range<Int>
    }

    /// Headers beyond this are refused as corrupt (real checkpoints use a few hundred kilobytes).
    public static let headerLimit = 100 * 1024 * 1024

    /// Where the file lives.
    public let url: URL
    /// The free-form `__metadata__` string map (empty when absent).
    public let metadata: [String: String]
    /// Every tensor's entry, by name.
    public let entries: [String: Entry]
    /// The bytes of the whole file.
    private let bytes: SafetensorsBytes

    /// Tensor names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Maps and validates the file at `url`.
    public init(contentsOf url: URL) throws(SafetensorsError) {
        try self.init(bytes: try SafetensorsBytes(mapping: url.path), url: url)
    }

    /// Validates safetensors bytes built in memory (copied once, so tensors can borrow them);
    /// `url` names them in errors.
    public init(data: Data, url: URL) throws(SafetensorsError) {
        try self.init(bytes: SafetensorsBytes(copying: data), url: url)
    }

    /// Validates safetensors bytes that live as long as the process (a checkpoint compiled into
    /// the binary), without copying them.
    init(permanent pointer: UnsafeRawPointer, count: Int, url: URL) throws(SafetensorsError) {
        try self.init(bytes: SafetensorsBytes(permanent: pointer, count: count), url: url)
    }

    private init(bytes: SafetensorsBytes, url: URL) throws(SafetensorsError) {
        let path = url.path
        self.url = url
        self.bytes = bytes
        let raw = bytes.buffer
        guard raw.count >= 8 else { throw .truncated(path: path, fileSize: raw.count, needed: 8) }
        let headerLength = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard headerLength <= UInt64(Self.headerLimit) else {
            throw .headerTooLarge(path: path, length: headerLength, limit: Self.headerLimit)
        }
        let dataStart = 8 + Int(headerLength)
        guard raw.count >= dataStart else { throw .truncated(path: path, fileSize: raw.count, needed: dataStart) }
        let header: SafetensorsHeader
        do {
            header = try JSONDecoder().decode(SafetensorsHeader.self, from: Data(raw[8 ..< dataStart]))
        } catch SafetensorsHeader.Problem.header(let reason) {
            throw .invalidHeader(path: path, reason: reason)
        } catch {
            throw .invalidHeader(path: path, reason: "not valid JSON")
        }
        var entries: [String: Entry] = [:]
        let dataSize = raw.count - dataStart
        for (name, parsed) in header.entries.sorted(by: { $0.key < $1.key }) {
            entries[name] = try Self.check(name, parsed, path: path, dataStart: dataStart, dataSize: dataSize)
        }
        // No two tensors may share bytes: sort by start and compare neighbours.
        let sorted = entries.sorted { ($0.value.byteRange.lowerBound, $0.key) < ($1.value.byteRange.lowerBound, $1.key) }
        for (previous, next) in zip(sorted, sorted.dropFirst())
        where next.value.byteRange.lowerBound < previous.value.byteRange.upperBound {
            throw .badByteRange(path: path, tensor: next.key, reason: "overlaps tensor '\(previous.key)'")
        }
        self.metadata = header.metadata
        self.entries = entries
    }

    private static func check(
        _ name: String, _ parsed: Result<SafetensorsHeader.Entry, SafetensorsHeader.Problem>, path: String,
        dataStart: Int, dataSize: Int
    ) throws(SafetensorsError) -> Entry {
        let fields: SafetensorsHeader.Entry
        switch parsed {
        case .success(let entry): fields = entry
        case .failure(.entry(let reason)), .failure(.header(let reason)):
            throw .invalidEntry(path: path, tensor: name, reason: reason)
        }
        guard let dtype = SafetensorsDType(rawValue: fields.dtype) else {
            throw .invalidEntry(path: path, tensor: name, reason: "has unknown dtype \(fields.dtype)")
        }
        let shape = fields.shape.compactMap { $0 }
        guard shape.count == fields.shape.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidEntry(path: path, tensor: name, reason: "has an invalid shape")
        }
        let offsets = fields.dataOffsets.compactMap { $0 }
        guard offsets.count == 2, fields.dataOffsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
            throw .invalidEntry(path: path, tensor: name, reason: "has invalid data_offsets")
        }
        var elements = 1
        for dimension in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw .invalidEntry(path: path, tensor: name, reason: "has a shape too large") }
            elements = product
        }
        let expected = elements.multipliedReportingOverflow(by: dtype.byteSize)
        guard !expected.overflow, offsets[1] - offsets[0] == expected.partialValue else {
            throw .badByteRange(path: path, tensor: name,
                                reason: "occupies \(offsets[1] - offsets[0]) bytes but shape \(shape) of \(dtype.rawValue) needs \(expected.partialValue)")
        }
        guard offsets[1] <= dataSize else {
            throw .badByteRange(path: path, tensor: name,
                                reason: "ends at byte \(offsets[1]) past the data section (\(dataSize) bytes); the file is truncated")
        }
        return Entry(dtype: dtype, shape: shape, byteRange: dataStart + offsets[0] ..< dataStart + offsets[1])
    }

    /// The tensor `name` as fp32: aligned little-endian F32 data is borrowed from the file's
    /// memory without a copy, F16/BF16 (and misaligned F32) are converted into a new array.
    public func tensor(named name: String) throws(SafetensorsError) -> Tensor {
        guard let entry = entries[name] else { throw .missingTensor(path: url.path, tensor: name) }
        let count = entry.shape.reduce(1, *)
        guard entry.dtype.isFloatingPoint else { throw .unsupportedDType(tensor: name, dtype: entry.dtype.rawValue) }
        let source = UnsafeRawBufferPointer(rebasing: bytes.buffer[entry.byteRange])
        #if _endian(little)
        if entry.dtype == .f32, count > 0, let start = source.baseAddress,
           Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
            return Tensor(shape: entry.shape, borrowing: start.assumingMemoryBound(to: Float.self), owner: bytes)
        }
        #endif
        return Tensor(shape: entry.shape) { out in
            entry.dtype.convert(source, count: count, into: out)
        }
    }
}
