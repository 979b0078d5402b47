import Experiments
import Foundation
import GPTModel
import Testing

/// The reference numbers of `Tests/Scripts/experiments_reference.py` (transformers + PyTorch hooks)
/// and the two models they were computed on.
struct ReferenceFixture {
    let model: GPT
    let values: [String: Any]

    /// `tiny-gpt2` (this target's fixture), `gpt1-tiny` (GPTModelTests' GPT-1 fixture, post-norm) or
    /// one of GPTModelTests' family fixtures (`llama-gqa`, `qwen2-sharded`, `neox-parallel`, `mistral-window`).
    init(_ name: String) throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("experiments_reference.json")))
        values = try #require((json as? [String: Any])?[name] as? [String: Any])
        let modelFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../GPTModelTests/Fixtures")
        let directory = name == "tiny-gpt2"
            ? fixtures.appendingPathComponent(name)
            : modelFixtures.appendingPathComponent(name == "gpt1-tiny" ? "models/\(name)" : "families/\(name)").standardizedFileURL
        model = try GPT.load(directory: directory)
    }

    func ints(_ key: String) throws -> [Int] { try #require(values[key] as? [Int]) }
    func int(_ key: String) throws -> Int { try #require(values[key] as? Int) }

    /// The value at a path of keys, e.g. `["ablation", "zero", "heads_loss"]`.
    func any(_ path: [String]) throws -> Any {
        var node: Any = values
        for key in path { node = try #require((node as? [String: Any])?[key], "missing \(path)") }
        return node
    }

    func double(_ path: String...) throws -> Double { try #require(try any(path) as? Double) }
    func vector(_ path: String...) throws -> [Double] { try #require(try any(path) as? [Double]) }
    func grid(_ path: String...) throws -> [[Double]] { try #require(try any(path) as? [[Double]]) }
    func cube(_ path: String...) throws -> [[[Double]]] { try #require(try any(path) as? [[[Double]]]) }

    func metric() throws -> LogitDifference {
        try LogitDifference(answer: int("answer"), wrong: int("wrong"), vocabularySize: model.configuration.vocabularySize)
    }
}

/// The largest |a − b| over two equally shaped grids (∞ when the shapes differ).
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
    guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
    return maxDifference(a.flatMap { $0 }, b.flatMap { $0 })
}
