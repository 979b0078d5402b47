import Foundation
import GPTModel
import Testing

/// `ModelSession`: a checkpoint paired with its tokenizer, and the prompt turned into checked ids.
struct ModelSessionTests {
    @Test func aGPT2WithTheFullVocabularyGetsGPT2sTokenizer() async throws {
        let session = try await ModelSession.open(try ModelFixture.url("gpt2-fullvocab").path)
        #expect(session.tokenizer != nil)
        #expect(!session.isBuiltIn)
        #expect(session.name == "gpt2-fullvocab")
        // tiktoken: encoding_for_model("gpt2").encode("Hello world") == [15496, 995]
        #expect(try session.tokens(prompt: "Hello world", ids: nil, truncate: false) == [15496, 995])
    }

    @Test func aModelWithoutATokenizerTakesOnlyIDs() async throws {
        let path = try ModelFixture.url("gpt2-untied").path
        let session = try await ModelSession.open(path)
        #expect(session.tokenizer == nil)
        #expect(session.text(of: 7) == "#7")
        #expect(try session.tokens(prompt: nil, ids: "1, 2,3", truncate: false) == [1, 2, 3])
        let error = try #require(throws: ModelInputError.self) { try session.tokens(prompt: "hi", ids: nil, truncate: false) }
        #expect(error == .noTokenizer(directory: path))
        #expect(error.hint == .giveTokenIDs)
        #expect(throws: ModelInputError.noPrompt) { try session.tokens(prompt: nil, ids: nil, truncate: false) }
    }

    @Test func longPromptsAreRefusedOrKeepTheirLastTokens() async throws {
        // The fixture's context is 64 positions.
        let session = try await ModelSession.open(try ModelFixture.url("gpt2-untied").path)
        let ids = (0 ..< 70).map(String.init).joined(separator: ",")
        let error = try #require(throws: ModelInputError.self) { try session.tokens(prompt: nil, ids: ids, truncate: false) }
        #expect(error == .tooLong(tokens: 70, context: 64))
        #expect(error.hint == .truncate(keepLast: 64))
        #expect(try session.tokens(prompt: nil, ids: ids, truncate: true) == Array(6 ..< 70))
        #expect(try session.tokens(prompt: nil, ids: ids, truncate: true, reserve: 4) == Array(10 ..< 70))
    }

    @Test func malformedIDsAreRefusedWithAnExample() throws {
        for text in ["", ",", "1,x", "1.5"] {
            let error = try #require(throws: ModelInputError.self) { try ModelSession.parseIDs(text) }
            #expect(error == .malformedIDs(text))
            #expect(error.hint == .writeCommaSeparatedIDs(example: [464, 2068, 7586]))
        }
    }
}
