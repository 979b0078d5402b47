import Foundation
import Testing
@testable import GPTModel

/// `gptscope.generate/1` against JSON written out by hand.
struct GenerationDocumentTests {
    /// A greedy-less step after a two-token prompt, with one runner-up.
    static let expected = """
    {
      "model" : "tiny",
      "prompt_ids" : [
        1,
        2
      ],
      "sampling" : {
        "seed" : 7,
        "temperature" : 0.8,
        "top_k" : null,
        "top_p" : 0.9
      },
      "schema" : "gptscope.generate/1",
      "steps" : [
        {
          "alternatives" : [
            {
              "id" : 5,
              "probability" : 0.25,
              "text" : " b"
            }
          ],
          "id" : 4,
          "position" : 2,
          "probability" : 0.5,
          "sampling_probability" : 0.625,
          "text" : " a/é"
        }
      ],
      "text" : "xy a/é"
    }
    """

    @Test func writesTheDocumentAsSpelledOut() throws {
        let step = GenerationStep(position: 2, chosen: TokenProbability(id: 4, probability: 0.5, samplingProbability: 0.625),
                                  alternatives: [TokenProbability(id: 5, probability: 0.25, samplingProbability: 0.375)], attention: nil)
        let texts = [4: " a/é", 5: " b"]
        let document = GenerationDocument(model: "tiny", prompt: [1, 2], sampling: SamplingOptions(temperature: 0.8, topP: 0.9, seed: 7),
                                          steps: [step], text: "xy a/é", savedCache: nil, textOf: { texts[$0] ?? "?" })
        #expect(String(decoding: try document.encoded(), as: UTF8.self) == Self.expected)
        #expect(try GenerationDocument.decode(Data(Self.expected.utf8)) == document)
    }

    @Test func readsAMinimalHandWrittenFileWithDefaults() throws {
        let document = try GenerationDocument.decode(Data(#"{"schema": "gptscope.generate/1", "steps": [{"id": 3, "probability": 1}]}"#.utf8))
        #expect(document.model == nil && document.promptIDs == [] && document.sampling == nil && document.text == nil)
        #expect(document.steps == [.init(position: nil, id: 3, text: nil, probability: 1, samplingProbability: nil, alternatives: [])])
        let sampling = try JSONDecoder().decode(GenerationDocument.Sampling.self, from: Data(#"{"top_k": 40}"#.utf8))
        #expect(sampling == .init(temperature: 1, topK: 40, topP: nil, seed: 0))
    }

    @Test func namesWhatIsWrong() {
        func problem(_ json: String) -> GenerationDocumentError? {
            do { _ = try GenerationDocument.decode(Data(json.utf8)); return nil } catch { return error }
        }
        #expect(problem("nope") == .notAnObject)
        #expect(problem("[1]") == .notAnObject)
        #expect(problem(#"{"steps": []}"#) == .wrongSchema)
        #expect(problem(#"{"schema": "gptscope.run/1", "steps": []}"#) == .wrongSchema)
        #expect(problem(#"{"schema": "gptscope.generate/1"}"#) == .noSteps)
        #expect(problem(#"{"schema": "gptscope.generate/1", "steps": {}}"#) == .noSteps)
        #expect(problem(#"{"schema": "gptscope.generate/1", "steps": [{"id": 1, "probability": 1}, {"id": 1.5, "probability": 1}]}"#)
                == .badStep(index: 1))
        #expect(problem(#"{"schema": "gptscope.generate/1", "steps": [{"id": 1, "probability": 1, "alternatives": [{"id": 2}]}]}"#)
                == .badStep(index: 0))
    }
}
