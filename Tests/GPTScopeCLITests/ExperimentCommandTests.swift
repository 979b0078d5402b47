import Foundation
import Testing

/// `ablate`, `patch`, `attribute`, `circuits` and `run --ablate`, end to end, against the numbers
/// of Tests/Scripts/experiments_reference.py (transformers + PyTorch hooks).
@Suite("gptscope experiments, end to end")
struct ExperimentCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExperimentsTests/Fixtures")
    static let model = fixtures.appendingPathComponent("tiny-gpt2").path

    static func reference(_ name: String = "tiny-gpt2") throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("experiments_reference.json"))
        return try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?[name] as? [String: Any])
    }

    static func ids(_ value: Any?) throws -> String { try #require(value as? [Int]).map(String.init).joined(separator: ",") }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func largestDifference(_ a: Any?, _ b: Any?) -> Double {
        guard let x = a as? [[Double]], let y = b as? [[Double]], x.count == y.count, zip(x, y).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        return zip(x.joined(), y.joined()).map { abs($0 - $1) }.max() ?? 0
    }

    /// tiny-gpt2's metrics are 4.9 apart; llama-gqa's only 0.23, so only it carries the caution.
    @Test(arguments: ["tiny-gpt2", "llama-gqa"])
    func patchJSONHasExactlyTheKeysAndMatchesPyTorch(fixture: String) throws {
        let ref = try Self.reference(fixture)
        let patching = try #require(ref["patching"] as? [String: Any])
        let layers = try #require(patching["resid_pre"] as? [[Double]]).count
        let folder = fixture == "tiny-gpt2" ? Self.model
            : Self.fixtures.appendingPathComponent("../../GPTModelTests/Fixtures/families/\(fixture)").standardizedFileURL.path
        let positions = try Self.ids(ref["clean"]).split(separator: ",").count
        let r = try CLIRunner.run(["patch", "--model", folder, "--clean-ids", Self.ids(ref["clean"]), "--corrupt-ids", Self.ids(ref["corrupt"]),
                                   "--answer", "\(ref["answer"]!)", "--wrong", "\(ref["wrong"]!)", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let document = try Self.json(r.stdout)
        #expect(Set(document.keys) == ["clean", "corrupt", "resid_pre", "attn_out", "mlp_out", "heads"])
        #expect(abs((document["clean"] as? Double ?? .nan) - (patching["clean"] as? Double ?? 0)) < 1e-4)
        #expect(abs((document["corrupt"] as? Double ?? .nan) - (patching["corrupt"] as? Double ?? 0)) < 1e-4)
        for key in ["resid_pre", "attn_out", "mlp_out", "heads"] {
            #expect(Self.largestDifference(document[key], patching[key]) < 1e-3, "\(key)")
        }
        let grid = try #require(document["resid_pre"] as? [[Double]])
        #expect(grid.count == layers && grid.allSatisfy { $0.count == positions })
        // The caution goes to stderr (stdout is JSON) exactly when PyTorch's two metrics are under half a logit apart.
        let gap = abs((patching["clean"] as? Double ?? 0) - (patching["corrupt"] as? Double ?? 0))
        #expect(r.stderr.contains("Caution: m_clean and m_corrupt differ by only") == (gap < 0.5), "gap \(gap)")
    }

    @Test func runWithAblatedHeadsPredictsWhatPyTorchPredicts() throws {
        let ref = try Self.reference()
        let ablation = try #require(ref["ablation"] as? [String: Any])
        for mode in ["zero", "mean"] {
            let entry = try #require(ablation[mode] as? [String: Any])
            let logits = try #require(entry["pair_last_logits"] as? [Double])
            let top = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5)
            let heads = try #require(entry["pair"] as? [String]).joined(separator: ",")
            let r = try CLIRunner.run(["run", "--model", Self.model, "--ids", Self.ids(ref["repeated"]), "--ablate", heads,
                                       "--ablate-mode", mode, "--json"])
            #expect(r.exitCode == 0, "\(r.stderr)")
            let predictions = try #require(try Self.json(r.stdout)["predictions"] as? [[String: Any]])
            #expect(predictions.compactMap { $0["id"] as? Int } == Array(top))
        }
    }

    @Test func ablateAttributeAndCircuitsWriteTheirCharts() throws {
        let ref = try Self.reference()
        let ablate = try CLIRunner.run(["ablate", "--model", Self.model, "--ids", Self.ids(ref["repeated"]), "--chart", "ablate.svg"])
        #expect(ablate.exitCode == 0, "\(ablate.stderr)")
        let svg = try String(contentsOf: ablate.directory.appendingPathComponent("ablate.svg"), encoding: .utf8)
        #expect(svg.contains("zero-ablation: change in loss") && svg.contains("attention heads") && !svg.contains("NaN"))
        let attribute = try CLIRunner.run(["attribute", "--model", Self.model, "--ids", Self.ids(ref["clean"]),
                                           "--answer", "\(ref["answer"]!)", "--wrong", "\(ref["wrong"]!)", "--json", "--chart", "dla.png"])
        #expect(attribute.exitCode == 0, "\(attribute.stderr)")
        let document = try Self.json(attribute.stdout.components(separatedBy: "\n").dropFirst().joined(separator: "\n"))
        let expected = try #require(ref["attribution"] as? [String: Any])
        #expect(Self.largestDifference(document["heads"], expected["heads"]) < 1e-4)
        #expect(abs(document["residual"] as? Double ?? 1) < 1e-4)
        #expect(FileManager.default.fileExists(atPath: attribute.directory.appendingPathComponent("dla.png").path))
        let circuits = try CLIRunner.run(["circuits", "--model", Self.model, "--json"])
        #expect(circuits.exitCode == 0, "\(circuits.stderr)")
        let copying = try #require(ref["circuits"] as? [String: Any])["copying"]
        #expect(Self.largestDifference(try Self.json(circuits.stdout)["copying"], copying) < 1e-4)
    }

    /// Llama with grouped-query attention: attribution and circuits read its `[out, in]` weights per head.
    @Test func attributeAndCircuitsOnAGroupedQueryLlama() throws {
        let ref = try Self.reference("llama-gqa"), model = FamilyCommandTests.path("llama-gqa")
        let attribute = try CLIRunner.run(["attribute", "--model", model, "--ids", Self.ids(ref["clean"]),
                                           "--answer", "\(ref["answer"]!)", "--wrong", "\(ref["wrong"]!)", "--json"])
        #expect(attribute.exitCode == 0, "\(attribute.stderr)")
        let document = try Self.json(attribute.stdout)
        let expected = try #require(ref["attribution"] as? [String: Any])
        #expect(Self.largestDifference(document["heads"], expected["heads"]) < 1e-4)
        let circuits = try CLIRunner.run(["circuits", "--model", model, "--json"])
        #expect(circuits.exitCode == 0, "\(circuits.stderr)")
        let copying = try #require(ref["circuits"] as? [String: Any])["copying"]
        #expect(Self.largestDifference(try Self.json(circuits.stdout)["copying"], copying) < 1e-4)
        // A rotary model has no position table to draw a QK circuit between positions from.
        let positions = try CLIRunner.run(["circuits", "--model", model, "--head", "1.1", "--positions", "0-3"])
        #expect(positions.exitCode != 0)
        let lines = positions.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(lines.count == 1 && lines[0].contains("use --tokens"), "\(positions.stderr)")
    }

    @Test func badInputGivesOneLineAndNoFile() throws {
        let ref = try Self.reference()
        let clean = try Self.ids(ref["clean"]), shorter = try Self.ids((ref["clean"] as? [Int])?.dropLast().map { $0 })
        let cases: [([String], String)] = [
            (["patch", "--model", Self.model, "--clean-ids", clean, "--corrupt-ids", shorter, "--answer", "1", "--wrong", "2", "--chart", "p.png"],
             "the same length"),
            (["patch", "--model", Self.model, "--clean-ids", clean, "--corrupt-ids", clean, "--answer", "1", "--wrong", "2", "--chart", "p.png"],
             "undefined"),
            (["patch", "--model", Self.model, "--clean-ids", clean, "--corrupt-ids", clean, "--answer", "3", "--wrong", "3", "--chart", "p.png"],
             "both id 3"),
            (["run", "--model", Self.model, "--ids", clean, "--ablate", "5.0"], "layer 5 does not exist"),
            (["run", "--model", Self.model, "--ids", clean, "--ablate", "0.9"], "head 0.9 does not exist"),
            (["run", "--model", Self.model, "--ids", clean, "--ablate", "x"], "LAYER.HEAD"),
            (["attribute", "--model", ModelFixtures.path("gpt1-tiny"), "--ids", "1,2,3", "--answer", "4", "--wrong", "5", "--chart", "p.png"],
             "pre-norm"),
            (["ablate", "--model", Self.model, "--ids", "7", "--chart", "p.png"], "at least two tokens"),
        ]
        for (arguments, phrase) in cases {
            let r = try CLIRunner.run(arguments)
            #expect(r.exitCode != 0, "\(arguments)")
            let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            #expect(lines.count == 1 && lines[0].contains(phrase), "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.isEmpty, "\(arguments)")
        }
    }

    /// Answer and wrong given as text on the built-in model: the same token, or more than one token.
    @Test func answerTokensGivenAsTextAreCheckedOnEveryCommand() throws {
        let prompt = "When Mary and John went to the store, John gave a drink to"
        let cases: [([String], String)] = [
            (["attribute", "--prompt", prompt, "--answer", " Mary", "--wrong", " Mary", "--chart", "a.png"], "always 0"),
            (["ablate", "--prompt", prompt, "--metric", "logit-diff", "--answer", " Mary", "--wrong", " Mary", "--chart", "a.png"], "always 0"),
            (["ablate", "--prompt", prompt, "--metric", "logit-diff", "--answer", " Mary and", "--wrong", " John", "--chart", "a.png"],
             "is 2 tokens"),
            (["attribute", "--prompt", "When Mary", "--answer", " Mary", "--wrong", " John", "--position", "9", "--chart", "a.png"],
             "position 9"),
        ]
        for (arguments, phrase) in cases {
            let r = try CLIRunner.run(arguments)
            #expect(r.exitCode != 0, "\(arguments)")
            let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            #expect(lines.count == 1 && lines[0].contains(phrase), "\(arguments): \(r.stderr)")
            #expect(r.writtenFiles.isEmpty, "\(arguments)")
        }
    }

    @Test func ablatingEveryHeadIsAStatedResult() throws {
        let heads = (0 ..< 3).flatMap { l in (0 ..< 4).map { "\(l).\($0)" } }.joined(separator: ",")
        let r = try CLIRunner.run(["run", "--model", Self.model, "--ids", "1,2,3,4", "--ablate", heads])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("every head, so attention adds only its output biases"))
    }
}
