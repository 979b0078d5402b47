import GPTModel
import Testing
import Tokenization
@testable import Visualizations

/// The repeated-random-tokens prompt draws distinct, whole tokens (issue 12, item 8).
@Suite struct RepeatedTokensPromptTests {
    @Test func drawsDistinctCandidatesTwiceAfterThePrefix() {
        let candidates = Array(1000 ..< 1100)
        let ids = RepeatedTokensPrompt.ids(length: 40, candidates: candidates, seed: 3, prefix: [50256])
        #expect(ids.count == 81 && ids[0] == 50256)
        let first = Array(ids[1 ... 40]), second = Array(ids[41...])
        #expect(first == second)
        #expect(Set(first).count == 40)                      // no token twice: one induction target each
        #expect(first.allSatisfy(candidates.contains))
        #expect(ids == RepeatedTokensPrompt.ids(length: 40, candidates: candidates, seed: 3, prefix: [50256]))
        #expect(ids != RepeatedTokensPrompt.ids(length: 40, candidates: candidates, seed: 4, prefix: [50256]))
        // More tokens than candidates: every candidate is used before any comes back.
        let long = RepeatedTokensPrompt.ids(length: 5, candidates: [7, 8, 9], seed: 1)
        #expect(Set(long.prefix(3)) == [7, 8, 9] && long.count == 10)
    }

    @Test func builtInModelCandidatesAreWords() throws {
        let tokenizer = try DefaultModel.tokenizer()
        let candidates = RepeatedTokensPrompt.candidates(tokenizer, vocabularySize: 4096)
        #expect(candidates.count >= 64 && !candidates.contains(4095))
        for id in candidates {
            let text = try tokenizer.decode([id])
            #expect(text.first == " " && text.count >= 2 && text.dropFirst().allSatisfy(\.isLetter), "\(id): \(text)")
        }
        #expect(RepeatedTokensPrompt.candidates(nil, vocabularySize: 5) == [0, 1, 2, 3, 4])
    }
}
