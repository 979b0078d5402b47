import Charts
import Experiments
import Foundation
import GPTModel
import Testing
import Tokenization
@testable import Visualizations

/// The report's Experiments section: which figures a model gets, and that they are drawn.
@Suite struct ExperimentReportTests {
    @Test func gpt2VocabularyModelGetsTheIndirectObjectPair() throws {
        let analysis = try ReportFixture.analysis()
        let recipes = try ReportPlanner(analysis: analysis).recipes().filter { $0.item.section == .experiments }
        #expect(recipes.map(\.item.stem) == ["experiments.ablation-repeat", "experiments.patching-repeat",
                                             "experiments.patching-ioi", "experiments.attribution-ioi"])
        for recipe in recipes {
            #expect(!recipe.item.explanation.en.isEmpty && !recipe.item.explanation.zh.isEmpty)
            let svg = try recipe.build().figure.svg()
            #expect(svg.contains("<svg") && !svg.contains("NaN"), "\(recipe.item.stem)")
        }
        // The pair is what the issue names: the same length, one-token names, Mary the clean answer.
        let tokenizer = try Tokenizer.gpt2()
        let pair = try #require(ExperimentRuns.ioiPair(tokenizer: tokenizer, configuration: analysis.model.configuration))
        #expect(pair.clean.count == pair.corrupt.count)
        #expect(pair.metric.answer == tokenizer.encode(" Mary")[0] && pair.metric.wrong == tokenizer.encode(" John")[0])
    }

    @Test func reportWorkCountsEveryPlannedRun() throws {
        let small = try GPTConfiguration.preset(named: "gpt2"), xl = try GPTConfiguration.preset(named: "gpt2-xl")
        let tokenizer = try Tokenizer.gpt2()
        #expect(tokenizer.encode(ExperimentPrompts.ioiClean).count == 14)
        // By hand: ablation, L × (NH heads + the MLP); the induction pair, 19 tokens (end-of-text,
        // 12 random, the first 6 again), L × (3 × 19 positions + NH heads); the IOI pair, 14 tokens.
        let work = ExperimentRuns.reportWork(configuration: small, tokenizer: tokenizer)
        #expect(work.passes == 12 * 13 + 12 * (3 * 19 + 12) + 12 * (3 * 14 + 12))
        #expect(ExperimentRuns.reportWork(configuration: small, tokenizer: nil).passes == 12 * 13 + 12 * (3 * 19 + 12))
        #expect(ExperimentRuns.reportWork(configuration: xl, tokenizer: tokenizer).passes == 48 * 26 + 48 * (3 * 19 + 25) + 48 * (3 * 14 + 25))
        // The output head alone, for the ablation's 19 loss rows × 13 runs × 12 layers, is 2·C·V per row.
        #expect(work.flops > Double(12 * 13 * 19) * 2 * 768 * 50257)
        #expect(work.flops < 1e13)
        #expect(ExperimentRuns.reportWork(configuration: xl, tokenizer: tokenizer).flops > 50 * work.flops)
    }

    @Test func inductionPairDiffersInOneTokenOfTheFirstCopy() throws {
        let c = GPTConfiguration(name: "t", vocabularySize: 500, contextLength: 64, embeddingWidth: 16, layerCount: 1, headCount: 2)
        let pair = ExperimentRuns.inductionPair(configuration: c, length: 12)
        #expect(pair.clean.count == 18 && pair.corrupt.count == 18)
        #expect(zip(pair.clean, pair.corrupt).filter { $0 != $1 }.count == 1)
        #expect(pair.clean[pair.changed] == pair.answer && pair.corrupt[pair.changed] == pair.wrong)
        // The prompt ends on the token just before the changed one's repeat, so copying predicts it.
        #expect(pair.clean.last == pair.clean[pair.changed - 1])
    }

    @Test func patchingWithNothingToRestoreSaysSoInsteadOfDrawingNaN() throws {
        let analysis = try ReportFixture.analysis()
        let ids = analysis.tokens.ids
        let metric = try LogitDifference(answer: 1, wrong: 2, vocabularySize: analysis.model.configuration.vocabularySize)
        let figure = try ExperimentRuns.patchingFigure(model: analysis.model, modelName: "m", clean: ids, corrupt: ids, metric: metric,
                                                       labels: ids.map(String.init), metricLine: "metric")
        let svg = try figure.svg()
        #expect(svg.contains("nothing to restore") && svg.contains("undefined") && !svg.contains("NaN"))
    }
}
