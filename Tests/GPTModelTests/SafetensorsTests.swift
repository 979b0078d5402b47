import Foundation
import Testing
import TensorCore
@testable import GPTModel

/// The safetensors reader against a file written by the reference `safetensors` library, the
/// writer by round trip, and every validation by a deliberately broken file.
struct SafetensorsTests {
    static func dtypeFixture() throws -> URL {
        try ModelFixture.url("dtypes").appendingPathExtension("safetensors")
    }

    @Test func readsF32F16AndBF16WrittenByPython() throws {
        let file = try SafetensorsFile(contentsOf: try Self.dtypeFixture())
        let values: [Float] = [1, -2.5, 0.333251953125, 65504, 6.103515625e-05, 5.960464477539063e-08]
        #expect(try file.tensor(named: "f32").scalars == values)
        #expect(try file.tensor(named: "f16").scalars == values)  // incl. max, smallest normal, subnormal
        #expect(try file.tensor(named: "f16").shape == [2, 3])
        #expect(try file.tensor(named: "bf16").scalars == [1, -2.5, 3.140625, 1.0002555517425873e+30])
        #expect(try file.tensor(named: "empty").shape == [0, 3])
        #expect(file.metadata["note"] == "GPTScope dtype fixture")
        #expect(file.entries["f16"]?.dtype == .f16)
    }

    @Test func f32TensorsBorrowTheFileAndCopyOnWrite() throws {
        // Aligned F32 data is used in place; F16 is converted into an array of its own.
        let file = try SafetensorsFile(contentsOf: try Self.dtypeFixture())
        var f32 = try file.tensor(named: "f32")
        #expect(f32.isBorrowed)
        #expect(try !file.tensor(named: "f16").isBorrowed)
        let reread = f32
        f32.scalars[0] = 42                       // the first write copies; the mapping is read-only
        #expect(!f32.isBorrowed && f32.scalars[0] == 42)
        #expect(reread.isBorrowed && reread.scalars[0] == 1)
        #expect(try file.tensor(named: "f32").scalars[0] == 1)
        // Reshaping keeps borrowing; rows copy out.
        #expect(reread.reshaped([3, 2]).isBorrowed && reread.reshaped([3, 2]).rows(1..<2).scalars == [0.333251953125, 65504])
    }

    @Test func writerRoundTripsTensorsAndMetadata() throws {
        let url = try temporaryURL("roundtrip.safetensors")
        let tensors = ["b.x": Tensor(shape: [2, 2], scalars: [1, 2, 3, -.infinity]),
                       "a": Tensor(shape: [3], scalars: [0.5, 0, -7])]
        try SafetensorsWriter.write(tensors, metadata: ["token_strings": "[\"Hello\",\" 世界\"]"], to: url)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.names == ["a", "b.x"])
        #expect(try file.tensor(named: "b.x") == tensors["b.x"])
        #expect(try file.tensor(named: "a") == tensors["a"])
        #expect(file.metadata["token_strings"] == "[\"Hello\",\" 世界\"]")
        // The data section starts 8-byte aligned, as the reference writer's does.
        let data = try Data(contentsOf: url)
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        #expect((8 + headerLength) % 8 == 0)
    }

    @Test func missingTensorIsNamed() throws {
        let file = try SafetensorsFile(contentsOf: try Self.dtypeFixture())
        #expect(throws: SafetensorsError.missingTensor(path: file.url.path, tensor: "nope")) {
            try file.tensor(named: "nope")
        }
    }

    @Test func truncatedFileNamesTheTensorThatRunsPastTheEnd() throws {
        let data = try Data(contentsOf: try Self.dtypeFixture())
        let intact = try SafetensorsFile(contentsOf: try Self.dtypeFixture())
        let last = try #require(intact.entries.max { $0.value.byteRange.upperBound < $1.value.byteRange.upperBound }?.key)
        let url = try temporaryURL("truncated.safetensors")
        try data.prefix(data.count - 5).write(to: url)
        let error = try #require(throws: SafetensorsError.self) { try SafetensorsFile(contentsOf: url) }
        guard case .badByteRange(_, let tensor, let reason) = error else { Issue.record("\(error)"); return }
        #expect(tensor == last)
        #expect(reason.contains("truncated"))
    }

    @Test func tinyFileAndHeaderPastTheEnd() throws {
        let short = try temporaryURL("short.safetensors")
        try Data([1, 2, 3]).write(to: short)
        #expect(throws: SafetensorsError.truncated(path: short.path, fileSize: 3, needed: 8)) {
            try SafetensorsFile(contentsOf: short)
        }
        let header = try temporaryURL("header.safetensors")
        try (le(1000) + Data("{}".utf8)).write(to: header)
        #expect(throws: SafetensorsError.truncated(path: header.path, fileSize: 10, needed: 1008)) {
            try SafetensorsFile(contentsOf: header)
        }
    }

    @Test func absurdHeaderLengthIsRefused() throws {
        let url = try temporaryURL("huge.safetensors")
        try (le(UInt64(1) << 40) + Data(count: 16)).write(to: url)
        #expect(throws: SafetensorsError.headerTooLarge(path: url.path, length: 1 << 40, limit: SafetensorsFile.headerLimit)) {
            try SafetensorsFile(contentsOf: url)
        }
    }

    @Test func corruptHeadersAreRefusedWithTheTensorName() throws {
        func open(_ json: String, dataBytes: Int = 16) throws -> SafetensorsError {
            let url = try temporaryURL("corrupt.safetensors")
            let header = Data(json.utf8)
            try (le(UInt64(header.count)) + header + Data(count: dataBytes)).write(to: url)
            return try #require(throws: SafetensorsError.self) { try SafetensorsFile(contentsOf: url) }
        }
        guard case .invalidHeader = try open("{not json") else { Issue.record("bad JSON accepted"); return }
        guard case .invalidHeader = try open("[1,2]") else { Issue.record("array header accepted"); return }
        let wrongSize = try open(#"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#)
        guard case .badByteRange(_, "w", _) = wrongSize else { Issue.record("\(wrongSize)"); return }
        let overlap = try open(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#)
        guard case .badByteRange(_, "b", let reason) = overlap, reason.contains("'a'") else { Issue.record("\(overlap)"); return }
        let dtype = try open(#"{"w":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}}"#)
        guard case .invalidEntry(_, "w", _) = dtype else { Issue.record("\(dtype)"); return }
        let negative = try open(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#)
        guard case .invalidEntry(_, "w", _) = negative else { Issue.record("\(negative)"); return }
    }

    @Test func integerTensorsAreRefusedWhenRead() throws {
        let url = try temporaryURL("ints.safetensors")
        let header = Data(#"{"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#.utf8)
        try (le(UInt64(header.count)) + header + Data(count: 16)).write(to: url)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(throws: SafetensorsError.unsupportedDType(tensor: "ids", dtype: "I64")) { try file.tensor(named: "ids") }
    }

    @Test func failedWriteLeavesNoFile() throws {
        let url = try temporaryURL("no-such-folder").appendingPathComponent("cache.safetensors")
        #expect(throws: SafetensorsError.self) {
            try SafetensorsWriter.write(["a": Tensor(shape: [1], scalars: [1])], to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}

/// A fresh path in a per-test temporary folder.
func temporaryURL(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name)
}

/// Eight little-endian bytes.
func le(_ value: UInt64) -> Data {
    withUnsafeBytes(of: value.littleEndian) { Data($0) }
}
