import Foundation
import GPTModel
import OutputFolders
import TensorCore

/// Writes a report's safetensors file one tensor at a time, straight into the staging folder,
/// so the file is never held in memory as a whole (it was, at 730 MB for T = 1,024). Each
/// tensor is stored as float32 ("F32") or float16 ("F16", rounded to nearest); tensors are in
/// name order, as ``SafetensorsWriter`` stores them.
enum ReportTensorsFile {
    /// One tensor and how it is stored.
    struct Entry {
        var name: String
        var tensor: Tensor
        /// ``SafetensorsDType/f32`` or ``SafetensorsDType/f16``.
        var dtype: SafetensorsDType
    }

    /// Elements converted per write: 1 Mi elements, a 2–4 MB buffer.
    static let chunk = 1 << 20

    /// The 8-byte header length and the JSON header, padded with spaces so the data starts
    /// 8-byte aligned (as the reference writer does).
    static func header(_ entries: [Entry], metadata: [String: String]) -> Data {
        var object: [String: Any] = [:]
        var offset = 0
        for entry in entries {
            let bytes = entry.tensor.count * entry.dtype.byteSize
            object[entry.name] = ["dtype": entry.dtype.rawValue, "shape": entry.tensor.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        if !metadata.isEmpty { object["__metadata__"] = metadata }
        // Strings, integers and arrays of them always serialize.
        var json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        return data + json
    }

    /// Writes `entries` (in name order) with `metadata` as `name` in `staging`; returns the size.
    @discardableResult
    static func write(_ entries: [Entry], metadata: [String: String], named name: String,
                      into staging: OutputStaging) throws(OutputFolderError) -> Int {
        let ordered = entries.sorted { $0.name < $1.name }
        let head = header(ordered, metadata: metadata)
        try OutputFile.write(to: staging.folder.appendingPathComponent(name), reportingAs: name, for: staging.destination) { append in
            head.withUnsafeBytes { append($0) }
            for entry in ordered {
                entry.tensor.withUnsafeBufferPointer { scalars in
                    for start in stride(from: 0, to: scalars.count, by: chunk) {
                        let part = UnsafeBufferPointer(rebasing: scalars[start ..< min(start + chunk, scalars.count)])
                        switch entry.dtype {
                        case .f16: part.map { Float16($0).bitPattern.littleEndian }.withUnsafeBytes { append($0) }
                        default: part.map { $0.bitPattern.littleEndian }.withUnsafeBytes { append($0) }
                        }
                    }
                }
            }
        }
        return head.count + ordered.reduce(0) { $0 + $1.tensor.count * $1.dtype.byteSize }
    }
}
