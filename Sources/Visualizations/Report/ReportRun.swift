import Foundation
import GPTModel
import OutputFolders
import TensorCore

/// The work of one report as jobs of one ``BoundedTaskGroup``, one per core: the forward pass,
/// every figure, the shared values some figures need, and the tensors file.
///
/// At the start only the prompt's forward pass and the figures of the model alone (word PCA,
/// position tables, parameters) can run, so those draw beside the forward pass. When the
/// analysis arrives the planner lays out the whole page and the prompt's figures join; a figure
/// that needs a shared value (the logit lens, the generation, the position tables) starts when
/// that value's own job has finished, and the tensors file once its derived tensors' values are
/// in. Every job but the forward pass runs its TensorCore kernels on its own thread
/// (``Parallel/serially(_:)``): the other cores are busy with other jobs.
struct ReportRun {
    /// What a job hands back.
    enum Done: Sendable {
        case analysis(PromptAnalysis)
        case shared(ReportShared)
        case figure(ReportPage.Figure, [ReportResult.File])
        case tensors([String])
    }

    typealias Job = BoundedTaskGroup.Job<Done>

    /// Everything the jobs made, for the summary and the page.
    struct Outcome {
        var analysis: PromptAnalysis
        /// Every figure in page order, with the files written for it.
        var figures: [(figure: ReportPage.Figure, files: [ReportResult.File])]
        /// Names of the tensors saved.
        var tensorNames: [String]
    }

    let writer: ReportWriter
    /// The staging folder the files go into.
    let staging: OutputStaging
    /// Looked up once, for the PCA figure and the saved tensors.
    let words: WordEmbeddings?

    private var planner: ReportPlanner?
    private var recipes: [ReportRecipe] = []
    private var shared = ReportShared()
    /// Shared values asked for (computing or computed).
    private var asked: Set<ReportShared.Kind> = []
    /// Figures started (drawn or drawing), by stem.
    private var started: Set<String> = []
    /// Figures waiting for a shared value.
    private var blocked: [ReportRecipe] = []
    private var drawn: [String: (figure: ReportPage.Figure, files: [ReportResult.File])] = [:]
    private var tensorNames: [String]?
    private var tensorsStarted = false
    /// The steps whose jobs are running, for the progress line.
    private let running = RunningSteps()

    init(writer: ReportWriter, staging: OutputStaging) {
        self.writer = writer
        self.staging = staging
        words = ReportPlanner.lookUpWords(model: writer.model, modelName: writer.modelName, tokenizer: writer.tokenizer,
                                          options: writer.options)
    }

    /// Runs every job on `width` children at most, calling `progress` as figures finish once the
    /// page is planned (the model's own figures may finish before).
    mutating func run(width: Int, progress: (ReportProgress) -> Void) async throws -> Outcome {
        var jobs: [Job] = []
        switch writer.source {
        case .analysis(let analysis):
            jobs += try plan(analysis, progress: progress)
        case .prompt(let ids):
            let (model, name, tokenizer) = (writer.model, writer.modelName, writer.tokenizer)
            let hooks = ReportPlanner.recordedHooks(model: model, options: writer.options, tokens: ids.count)
            // Its kernels use every core: the other jobs each keep to one.
            jobs.append {
                // The figures read the logits of the logit lens's last positions and the tokens'
                // surprisals, not all [T, V] of them (206 MB at T = 1,024 on GPT-2).
                let analysis = try PromptAnalysis.run(model: model, modelName: name, ids: ids, tokenizer: tokenizer, hooks: hooks)
                    .keepingLogits(last: LayerFigures.lensMaximumPositions)
                LargePages.releaseFreeMemory()   // the pass's freed temporaries, before the figures allocate theirs
                return .analysis(analysis)
            }
            jobs += start(ReportPlanner.modelRecipes(model: model, modelName: name, words: words)
                .filter { !writer.options.skippedSections.contains($0.item.section) })
        }
        try await BoundedTaskGroup.run(width: width, jobs: jobs) { done in try receive(done, progress: progress) }
        guard let planner, let tensorNames, blocked.isEmpty else { throw ReportError.figureFailed(stem: "report", reason: "a job never ran") }
        let figures = try recipes.map { recipe in
            guard let figure = drawn[recipe.item.stem] else {
                throw ReportError.figureFailed(stem: recipe.item.stem, reason: "it was never drawn")
            }
            return figure
        }
        return Outcome(analysis: planner.analysis, figures: figures, tensorNames: tensorNames)
    }

    /// Takes in what a job made and returns the jobs it unlocked.
    private mutating func receive(_ done: Done, progress: (ReportProgress) -> Void) throws -> [Job] {
        switch done {
        case .analysis(let analysis):
            return try plan(analysis, progress: progress)
        case .shared(let value):
            shared = shared.merging(value)
            let ready = blocked.filter { $0.needs.allSatisfy(shared.has) }
            blocked.removeAll { $0.needs.allSatisfy(shared.has) }
            return tensorsJob() + ready.map(figureJob)
        case .figure(let figure, let files):
            drawn[figure.item.stem] = (figure, files)
        case .tensors(let names):
            tensorNames = names
        }
        report(progress)
        return []
    }

    /// Plans the page for `analysis` and returns the jobs that can start: shared values first
    /// (figures and the tensors wait for them), then the prompt's figures in page order.
    private mutating func plan(_ analysis: PromptAnalysis, progress: (ReportProgress) -> Void) throws -> [Job] {
        let planner = ReportPlanner(analysis: analysis, options: writer.options, words: words)
        self.planner = planner
        recipes = try planner.recipes()
        let needed = recipes.reduce(planner.tensorNeeds) { $0.union($1.needs) }
        let values = ReportShared.Kind.allCases.filter { needed.contains($0) && !asked.contains($0) }
        asked.formUnion(values)
        let sharedJobs: [Job] = values.map { kind in { .shared(Parallel.serially { planner.compute(kind) }) } }
        let figures = start(recipes.filter { !started.contains($0.item.stem) })
        report(progress)
        return sharedJobs + tensorsJob() + figures
    }

    /// Marks `recipes` started; returns the jobs of those that can be drawn now (others wait for
    /// their shared values) and of the model-only shared values they need.
    private mutating func start(_ recipes: [ReportRecipe]) -> [Job] {
        started.formUnion(recipes.map(\.item.stem))
        var jobs: [Job] = []
        // Before the analysis only the position tables can be computed (from the model alone).
        if planner == nil, recipes.contains(where: { $0.needs.contains(.positionTables) }), !asked.contains(.positionTables) {
            asked.insert(.positionTables)
            let (model, name) = (writer.model, writer.modelName)
            jobs.append {
                var value = ReportShared()
                value.positionTables = Parallel.serially { ReportPlanner.positionTables(model: model, modelName: name) }
                return .shared(value)
            }
        }
        for recipe in recipes {
            if recipe.needs.allSatisfy(shared.has) { jobs.append(figureJob(recipe)) } else { blocked.append(recipe) }
        }
        return jobs
    }

    private func figureJob(_ recipe: ReportRecipe) -> Job {
        let (writer, shared, staging, running) = (self.writer, self.shared, self.staging, self.running)
        return {
            running.insert(recipe.item.stem)
            defer { running.remove(recipe.item.stem) }
            let (figure, files) = try Parallel.serially { try writer.writeFigure(recipe, shared: shared, into: staging) }
            return .figure(figure, files)
        }
    }

    /// The job writing the tensors file, once the page is planned and its shared values are in.
    private mutating func tensorsJob() -> [Job] {
        guard let planner, !tensorsStarted, planner.tensorNeeds.allSatisfy(shared.has) else { return [] }
        tensorsStarted = true
        let (writer, shared, staging, items, running) = (self.writer, self.shared, self.staging, recipes.map(\.item), self.running)
        guard writer.options.tensors != .none else { return [{ .tensors([]) }] }
        return [{
            running.insert(ReportWriter.tensorsFile)
            defer { running.remove(ReportWriter.tensorsFile) }
            return .tensors(try Parallel.serially {
                try writer.writeTensors(for: items, of: planner.analysis, derived: planner.derivedTensors(shared),
                                        metadata: planner.derivedMetadata(shared), into: staging)
            })
        }]
    }

    /// Steps done of the whole report (figures and the tensors file), and the step running now
    /// that comes first in page order (the tensors file after every figure); when none is
    /// running, the first still to finish.
    private func report(_ progress: (ReportProgress) -> Void) {
        guard planner != nil else { return }
        let done = recipes.filter { drawn[$0.item.stem] != nil }.count + (tensorNames == nil ? 0 : 1)
        let now = running.stems
        let next = recipes.first { now.contains($0.item.stem) }?.item.stem
            ?? (now.contains(ReportWriter.tensorsFile) ? ReportWriter.tensorsFile : nil)
            ?? recipes.first { drawn[$0.item.stem] == nil }?.item.stem ?? ReportWriter.tensorsFile
        progress(ReportProgress(completed: done, total: recipes.count + 3, label: next))
    }
}
