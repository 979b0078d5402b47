import Foundation
import GPTModel
import OutputFolders
import TensorCore

/// Writes a report's safetensors file one tensor at a time, straight into the staging folder,
/// so the file is never held in memory as a whole (it was, at 730 MB for T = 1,024). Each
/// tensor is stored as float32 ("F32") or float16 ("F16", rounded to nearest); tensors are in
/// name order, as ``SafetensorsWriter`` stores them. Recorded scores and patterns stay packed
/// until written, one head's `[T, S]` square at a time: unpacking every layer's `[NH, T, S]`
/// first added 600 MB to the report's peak at T = 1,024 (2.04 GB instead of 1.47 GB).
enum ReportTensorsFile {
    /// One tensor and how it is stored.
    struct Entry {
        var name: String
        var source: Source
        /// ``SafetensorsDType/f32`` or ``SafetensorsDType/f16``.
        var dtype: SafetensorsDType

        /// The shape as saved (`[NH, T, S]` for packed scores).
        var shape: [Int] {
            switch source {
            case .dense(let tensor): tensor.shape
            case .causal(let packed): packed.shape
            }
        }

        /// Elements as saved.
        var count: Int { shape.reduce(1, *) }
    }

    /// Where an entry's elements come from.
    enum Source {
        case dense(Tensor)
        /// Scores or a pattern kept packed; saved unpacked (masked entries as the forward pass filled them).
        case causal(CausalScores)
    }

    /// Elements converted per write: 1 Mi elements, a 2–4 MB buffer.
    static let chunk = 1 << 20

    /// The 8-byte header length and the JSON header, padded with spaces so the data starts
    /// 8-byte aligned (as the reference writer does).
    static func header(_ entries: [Entry], metadata: [String: String]) -> Data {
        var object: [String: Any] = [:]
        var offset = 0
        for entry in entries {
            let bytes = entry.count * entry.dtype.byteSize
            object[entry.name] = ["dtype": entry.dtype.rawValue, "shape": entry.shape, "data_offsets": [offset, offset + bytes]]
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
                switch entry.source {
                case .dense(let tensor):
                    writeElements(tensor, as: entry.dtype, append)
                case .causal(let packed):
                    for h in 0 ..< packed.shape[0] { writeElements(packed.head(h), as: entry.dtype, append) }   // [T, S] each
                }
            }
        }
        return head.count + ordered.reduce(0) { $0 + $1.count * $1.dtype.byteSize }
    }

    /// Appends `tensor`'s elements as `dtype`, little-endian, a chunk at a time.
    private static func writeElements(_ tensor: Tensor, as dtype: SafetensorsDType, _ append: (UnsafeRawBufferPointer) -> Void) {
        tensor.withUnsafeBufferPointer { scalars in
            for start in stride(from: 0, to: scalars.count, by: chunk) {
                let part = UnsafeBufferPointer(rebasing: scalars[start ..< min(start + chunk, scalars.count)])
                switch dtype {
                case .f16: part.map { Float16($0).bitPattern.littleEndian }.withUnsafeBytes { append($0) }
                default: part.map { $0.bitPattern.littleEndian }.withUnsafeBytes { append($0) }
                }
            }
        }
    }
}

extension ReportTensorsFile.Entry {
    /// A dense tensor.
    init(name: String, tensor: Tensor, dtype: SafetensorsDType) {
        self.init(name: name, source: .dense(tensor), dtype: dtype)
    }
}
