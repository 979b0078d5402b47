import FileAccess
import Foundation
import TensorCore

/// Writes fp32 tensors and a string metadata map as a `.safetensors` file, atomically.
///
/// The file is built in memory and written to a temporary file in the destination folder, then
/// renamed, so a failure never leaves a half-written file. Tensors are stored in name order.
public enum SafetensorsWriter {
    /// The file's bytes: header length, JSON header (padded to 8 bytes), little-endian F32 data.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws(SafetensorsError) -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        let names = tensors.keys.sorted()
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + tensor.byteCount]]
            offset += tensor.byteCount
        }
        var json: Data
        do {
            json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .cannotWrite(path: "(memory)", reason: "header is not encodable as JSON")
        }
        // Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { buffer in
                #if _endian(big)
                for value in buffer { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
                #else
                data.append(UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count))
                #endif
            }
        }
        return data
    }

    /// Encodes and writes atomically to `url`.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws(SafetensorsError) {
        let data = try encode(tensors, metadata: metadata)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: url.path, reason: FileAccess.reason(for: error))
        }
    }
}
