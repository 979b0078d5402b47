import Foundation
import TensorCore

/// A memory-mapped `.safetensors` file, validated when opened, read one tensor at a time.
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
    /// The mapped bytes of the whole file.
    private let bytes: Data

    /// Tensor names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Maps and validates the file at `url`.
    public init(contentsOf url: URL) throws(SafetensorsError) {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .cannotOpen(path: path, reason: FileManager.default.fileExists(atPath: path)
                              ? error.localizedDescription : "no such file")
        }
        try self.init(data: data, url: url)
    }

    /// Validates safetensors bytes already in memory (a checkpoint compiled into the binary);
    /// `url` names them in errors.
    public init(data: Data, url: URL) throws(SafetensorsError) {
        let path = url.path
        self.url = url
        self.bytes = data
        guard data.count >= 8 else { throw .truncated(path: path, fileSize: data.count, needed: 8) }
        let headerLength = data.withUnsafeBytes { raw in
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        }
        guard headerLength <= UInt64(Self.headerLimit) else {
            throw .headerTooLarge(path: path, length: headerLength, limit: Self.headerLimit)
        }
        let dataStart = 8 + Int(headerLength)
        guard data.count >= dataStart else { throw .truncated(path: path, fileSize: data.count, needed: dataStart) }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< dataStart))
        } catch {
            throw .invalidHeader(path: path, reason: "not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw .invalidHeader(path: path, reason: "not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [String: Entry] = [:]
        let dataSize = data.count - dataStart
        for (name, value) in object {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else {
                    throw .invalidHeader(path: path, reason: "__metadata__ is not an object")
                }
                for (key, item) in map {
                    guard let string = item as? String else {
                        throw .invalidHeader(path: path, reason: "__metadata__['\(key)'] is not a string")
                    }
                    metadata[key] = string
                }
                continue
            }
            entries[name] = try Self.parseEntry(name, value, path: path, dataStart: dataStart, dataSize: dataSize)
        }
        // No two tensors may share bytes: sort by start and compare neighbours.
        let sorted = entries.sorted { ($0.value.byteRange.lowerBound, $0.key) < ($1.value.byteRange.lowerBound, $1.key) }
        for (previous, next) in zip(sorted, sorted.dropFirst())
        where next.value.byteRange.lowerBound < previous.value.byteRange.upperBound {
            throw .badByteRange(path: path, tensor: next.key, reason: "overlaps tensor '\(previous.key)'")
        }
        self.metadata = metadata
        self.entries = entries
    }

    private static func parseEntry(
        _ name: String, _ value: Any, path: String, dataStart: Int, dataSize: Int
    ) throws(SafetensorsError) -> Entry {
        guard let fields = value as? [String: Any],
              let dtypeName = fields["dtype"] as? String,
              let shapeValues = fields["shape"] as? [Any],
              let offsetValues = fields["data_offsets"] as? [Any] else {
            throw .invalidEntry(path: path, tensor: name, reason: "lacks dtype, shape or data_offsets")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw .invalidEntry(path: path, tensor: name, reason: "has unknown dtype \(dtypeName)")
        }
        let shape = shapeValues.compactMap { integer($0) }
        guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidEntry(path: path, tensor: name, reason: "has an invalid shape")
        }
        let offsets = offsetValues.compactMap { integer($0) }
        guard offsets.count == 2, offsetValues.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
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

    private static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 9e15 else { return nil }
        return number.intValue
    }

    /// The tensor `name`, converted to fp32.
    public func tensor(named name: String) throws(SafetensorsError) -> Tensor {
        guard let entry = entries[name] else { throw .missingTensor(path: url.path, tensor: name) }
        let count = entry.shape.reduce(1, *)
        guard entry.dtype.isFloatingPoint else { throw .unsupportedDType(tensor: name, dtype: entry.dtype.rawValue) }
        return bytes.withUnsafeBytes { raw in
            let source = UnsafeRawBufferPointer(rebasing: raw[entry.byteRange])
            return Tensor(shape: entry.shape) { out in
                entry.dtype.convert(source, count: count, into: out)
            }
        }
    }
}
