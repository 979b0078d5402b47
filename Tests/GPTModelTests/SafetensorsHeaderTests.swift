import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The safetensors header against JSON text written out by hand: the exact bytes the writer
/// produces, and what the reader takes from a header.
struct SafetensorsHeaderTests {
    @Test func twoByThreeF32TensorWithMetadataIsExactlyTheseBytes() throws {
        let tensor = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let data = try SafetensorsWriter.encode(["w": tensor], metadata: ["step": "7"])
        // {"__metadata__":{"step":"7"},  = 29 bytes
        // "w":{"data_offsets":[0,24],     = 27 (2 × 3 × 4 bytes of F32 = 24)
        // "dtype":"F32","shape":[2,3]}}   = 29, so 85 bytes of JSON; 8 + 85 = 93 is padded with
        // 3 spaces to 96, so the data starts 8-byte aligned and the length prefix says 88 = 0x58.
        let json = #"{"__metadata__":{"step":"7"},"w":{"data_offsets":[0,24],"dtype":"F32","shape":[2,3]}}"#
        #expect(json.utf8.count == 85)
        #expect(Array(data.prefix(8)) == [0x58, 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: data[8 ..< 96], as: UTF8.self) == json + "   ")
        // Then the six floats, little-endian: 1.0 is 00 00 80 3F, 6.0 is 00 00 C0 40.
        #expect(data.count == 96 + 24)
        #expect(Array(data[96 ..< 100]) == [0x00, 0x00, 0x80, 0x3F])
        #expect(Array(data[116 ..< 120]) == [0x00, 0x00, 0xC0, 0x40])
    }

    @Test func keysAreOrderedAsJSONSerializationSortsThemAndDataByName() throws {
        // Header keys: `_` before `.` and digit runs as numbers (h.2 before h.10), as GPTScope has
        // always written them; the data section in plain name order (exp_avg. < exp_avg_sq., h.10 < h.2).
        let one = Tensor(shape: [1], scalars: [1])
        let data = try SafetensorsWriter.encode(["h.10.w": one, "h.2.w": one, "exp_avg.h.0": one, "exp_avg_sq.h.0": one])
        let json = #"{"exp_avg_sq.h.0":{"data_offsets":[4,8],"dtype":"F32","shape":[1]},"#
            + #""exp_avg.h.0":{"data_offsets":[0,4],"dtype":"F32","shape":[1]},"#
            + #""h.2.w":{"data_offsets":[12,16],"dtype":"F32","shape":[1]},"#
            + #""h.10.w":{"data_offsets":[8,12],"dtype":"F32","shape":[1]}}"#
        #expect(json.utf8.count == 248)  // 8 + 248 = 256: no padding
        #expect(Array(data.prefix(8)) == [248, 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: data[8 ..< 256], as: UTF8.self) == json)
    }

    @Test func metadataStringsAreEscapedOnlyWhereJSONMust() throws {
        let data = try SafetensorsWriter.encode([:], metadata: ["ids": #"[1,"a/b"]"#, "text": "世界\n\t"])
        let json = #"{"__metadata__":{"ids":"[1,\"a/b\"]","text":"世界\n\t"}}"#
        let length = Int(data[0])
        #expect(String(decoding: data[8 ..< 8 + length], as: UTF8.self).trimmingCharacters(in: .whitespaces) == json)
        let file = try SafetensorsFile(data: data, url: URL(fileURLWithPath: "/memory.safetensors"))
        #expect(file.metadata == ["ids": #"[1,"a/b"]"#, "text": "世界\n\t"])
        #expect(file.entries.isEmpty)
    }

    @Test func decodesAHandWrittenHeader() throws {
        let json = #"{"b": {"dtype": "BF16", "shape": [4], "data_offsets": [0, 8]}, "__metadata__": {"format": "pt"}, "#
            + #""a": {"dtype": "F32", "shape": [2.0, 1.5], "data_offsets": [8, "x"]}, "c": [1]}"#
        let header = try JSONDecoder().decode(SafetensorsHeader.self, from: Data(json.utf8))
        #expect(header.metadata == ["format": "pt"])
        let b = try header.entries["b"]?.get()
        #expect(b?.dtype == "BF16" && b?.shape == [4] && b?.dataOffsets == [0, 8])
        // Numbers are whole or nil: the file reader turns a nil into "has an invalid shape".
        let a = try header.entries["a"]?.get()
        #expect(a?.shape == [2, nil] && a?.dataOffsets == [8, nil])
        guard case .failure(.entry(let reason)) = header.entries["c"] else {
            Issue.record("an entry that is not an object must fail")
            return
        }
        #expect(reason == "lacks dtype, shape or data_offsets")
    }
}
