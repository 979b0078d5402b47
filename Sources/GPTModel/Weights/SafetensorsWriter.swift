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
        let ordered = tensors.sorted { $0.key < $1.key }
        var entries: [String: SafetensorsHeader.Entry] = [:]
        var offset = 0
        for (name, tensor) in ordered {
            entries[name] = SafetensorsHeader.Entry(dtype: "F32", shape: tensor.shape, dataOffsets: [offset, offset + tensor.byteCount])
            offset += tensor.byteCount
        }
        var json: Data
        do {
            json = try SafetensorsHeader(metadata: metadata, entries: entries).encoded()
        } catch {
            throw .cannotWrite(path: "(memory)", reason: "header is not encodable as JSON")
        }
        // Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for (_, tensor) in ordered {
            tensor.withUnsafeBufferPointer { buffer in
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
