import FileAccess
import Foundation
import TensorCore

extension SafetensorsWriter {
    /// Writes tensors one at a time as `dtype` (F32, or F16 to halve the file), so only one
    /// tensor's bytes exist beside what the caller holds: `tensor(name)` makes each as it is
    /// written (an activation cache unpacks its attention patterns there). Atomic: the file is
    /// written under a temporary name in the destination folder, then renamed.
    ///
    /// `shapes` gives every tensor's name and shape; tensors are stored in name order.
    public static func write(shapes: [String: [Int]], dtype: SafetensorsDType = .f32, metadata: [String: String] = [:],
                             to url: URL, tensor: (String) -> Tensor) throws(SafetensorsError) {
        precondition(dtype == .f32 || dtype == .f16, "SafetensorsWriter writes F32 or F16, not \(dtype.rawValue)")
        let ordered = shapes.sorted { $0.key < $1.key }
        var entries: [String: SafetensorsHeader.Entry] = [:]
        var offset = 0
        for (name, shape) in ordered {
            let bytes = shape.reduce(dtype.byteSize, *)
            entries[name] = SafetensorsHeader.Entry(dtype: dtype.rawValue, shape: shape, dataOffsets: [offset, offset + bytes])
            offset += bytes
        }
        var json: Data
        do {
            json = try SafetensorsHeader(metadata: metadata, entries: entries).encoded()
        } catch {
            throw .cannotWrite(path: url.path, reason: "header is not encodable as JSON")
        }
        while (8 + json.count) % 8 != 0 { json.append(0x20) }   // data 8-byte aligned, as the reference writer does
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        func failed(_ reason: String) -> SafetensorsError {
            try? FileManager.default.removeItem(at: temporary)
            return .cannotWrite(path: url.path, reason: reason)
        }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw .cannotWrite(path: url.path, reason: "cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        do {
            var head = Data()
            withUnsafeBytes(of: UInt64(json.count).littleEndian) { head.append(contentsOf: $0) }
            head.append(json)
            try handle.write(contentsOf: head)
            for (name, shape) in ordered {
                let value = tensor(name)
                precondition(value.shape == shape, "tensor \(name) is \(value.shape), its entry says \(shape)")
                try handle.write(contentsOf: encodeElements(value, as: dtype))
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw failed(FileAccess.reason(for: error))
        }
        guard rename(temporary.path, url.path) == 0 else { throw failed("cannot rename the finished file into place") }
    }

    /// `tensor`'s elements as little-endian F32 or F16 (rounded to nearest, even on ties).
    static func encodeElements(_ tensor: Tensor, as dtype: SafetensorsDType) -> Data {
        tensor.withUnsafeBufferPointer { buffer in
            switch dtype {
            case .f16:
                var halves = [UInt16](repeating: 0, count: buffer.count)
                for i in 0 ..< buffer.count { halves[i] = Float16(buffer[i]).bitPattern.littleEndian }
                return halves.withUnsafeBytes { Data($0) }
            default:
                #if _endian(big)
                return Data(buffer.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } })
                #else
                return Data(buffer: buffer)
                #endif
            }
        }
    }
}
