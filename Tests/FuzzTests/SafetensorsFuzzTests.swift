import Foundation
import GPTModel
import Testing

/// The safetensors reader on mutated files: every case opens to a file whose tensors all read,
/// or throws; nothing traps or hangs.
@Suite struct SafetensorsFuzzTests {
    /// A file from its header text and data bytes, the header length in front.
    static func file(header: String, data: [UInt8]) -> [UInt8] {
        let json = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json + data
    }

    /// Small files covering each dtype the reader converts, metadata, and an empty tensor.
    static func seeds() -> [[UInt8]] {
        let f32 = (0 ..< 6).flatMap { withUnsafeBytes(of: Float($0).bitPattern.littleEndian) { Array($0) } }
        return [
            file(header: #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#, data: f32),
            file(header: #"{"b":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]},"h":{"dtype":"F16","shape":[2,2],"data_offsets":[8,16]}}"#,
                 data: [0x80, 0x3F, 0x00, 0x40, 0x40, 0x40, 0x80, 0xBF, 0x00, 0x3C, 0x00, 0x40, 0x00, 0xC0, 0x00, 0x7C]),
            file(header: #"{"w":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"i":{"dtype":"I64","shape":[1],"data_offsets":[4,12]}}"#,
                 data: [0, 0, 0x80, 0x3F] + [UInt8](repeating: 1, count: 8)),
        ]
    }

    @Test func mutatedFilesOpenOrThrow() {
        let url = URL(fileURLWithPath: "/fuzz/model.safetensors")
        var seeds = Self.seeds()
        // The header length itself: 0, too short, too long, past the file, past Int.
        for length: UInt64 in [0, 1, 7, 1 << 20, 1 << 40, UInt64.max, UInt64(Int.max)] {
            seeds.append(withUnsafeBytes(of: length.littleEndian) { Array($0) } + Array(Self.seeds()[0].dropFirst(8)))
        }
        let outcome = Fuzzer("safetensors header").run(seeds: seeds) { bytes in
            let file = try SafetensorsFile(data: Data(bytes), url: url)
            for name in file.names where file.entries[name]?.dtype.isFloatingPoint ?? false {
                let tensor = try file.tensor(named: name)
                #expect(tensor.count == file.entries[name]!.shape.reduce(1, *))
            }
        }
        print(outcome)
        #expect(outcome.values > 0 && outcome.errors > 0)
    }
}
