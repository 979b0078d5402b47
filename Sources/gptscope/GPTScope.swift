import Foundation
import ArgumentParser
import FileAccess
import TensorCore

/// The `gptscope` command: opens up GPT-style Transformers and draws what is inside.
@main
struct GPTScope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gptscope",
        abstract: "See how GPT-style Transformers work: parameters, tokens, attention, and more.",
        discussion: """
        Every command works offline. Figures are written as PNG, SVG or PDF, chosen by the \
        file extension you give. Commands that run a model use the built-in one (a small GPT-2 \
        trained by GPTScope on the King James Bible and Tang poems) unless --model points at a \
        Hugging Face GPT-2, GPT-1, Llama, Qwen2, Mistral or GPT-NeoX folder.

        Before allocating, commands estimate the memory their sizes need and refuse, naming the \
        option to change, when it exceeds what the machine has available; the environment \
        variable GPTSCOPE_MEMORY_LIMIT (e.g. 8G) sets that amount instead.

        Start here:
          gptscope report                    every figure, explained, on one page
          gptscope attention --kind model    every head of every layer at a glance
          gptscope generate --prompt "And God said" --max-tokens 20
          gptscope params gpt1 gpt2 gpt3-175b    where the parameters live
        """,
        version: "gptscope 0.1.0",
        subcommands: [ParamsCommand.self, TokenizeCommand.self, RunCommand.self, GenerateCommand.self, InspectCommand.self, AttentionCommand.self, LayersCommand.self, PosencCommand.self, EmbeddingsCommand.self, ReportCommand.self, AblateCommand.self, PatchCommand.self, AttributeCommand.self, CircuitsCommand.self, BenchCommand.self, TrainTokenizerCommand.self, TrainCommand.self, TrainReportCommand.self, ArchitectureCommand.self, SamplesCommand.self, SamplingCommand.self, MasksCommand.self]
    )

    /// Prepares BLAS before anything else (its idle threads would spin through start-up), then
    /// parses the command line and runs the command, as ArgumentParser's own `main` does, except
    /// that arguments must be UTF-8 and a file-system error from Foundation (a full or read-only
    /// disk) is reported as one line naming the path and the reason.
    static func main() async {
        restartWithFasterBLASKernels()
        BLAS.prepare()
        do {
            try ArgumentText.check()
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: FileAccess.failure(error) ?? ErrorMessages.phrased(error))
        }
    }

    /// When OpenBLAS did not recognise the CPU and fell back to its SSE3 kernels (see
    /// `BLAS.replacementCoreType()`), starts this program again, same arguments, with
    /// `OPENBLAS_CORETYPE` set to kernels the CPU can run: about half the time of every matrix
    /// product on such a host. Costs one exec (a few milliseconds); if the exec fails, the
    /// command simply runs with the slower kernels. Setting `OPENBLAS_CORETYPE` yourself turns it off.
    private static func restartWithFasterBLASKernels() {
        #if os(Linux)
        guard let core = BLAS.replacementCoreType() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.unsafeArgv
        execv("/proc/self/exe", arguments)
        // Only reached when exec failed: carry on, and do not try again in child processes.
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }
}
