import Foundation
import OutputFolders
import Visualizations

/// Writing a training run's report from the command line, shared by `train-report` and
/// `train --report`.
enum TrainingReportOutput {
    /// Draws the report of `runFolder` into `folder` with a progress bar and a summary on
    /// stdout: what `gptscope train-report` and `gptscope train --report` both do.
    static func write(runFolder: URL, to folder: URL, options: TrainingReport.Options = TrainingReport.Options(),
                      replacing: OutputFolder.Replacing = .ownFolders) throws {
        try OutputFolderMessage.naming(subfolder: "report") {
            try draw(runFolder: runFolder, to: folder, options: options, replacing: replacing)
        }
    }

    private static func draw(runFolder: URL, to folder: URL, options: TrainingReport.Options, replacing: OutputFolder.Replacing) throws {
        let report = try TrainingReport(runFolder: runFolder, options: options)
        var bar: ProgressBar?
        let result = try report.write(to: folder, replacing: replacing) { done, total, label in
            if bar == nil { bar = ProgressBar(total: total, title: "Training report") }
            bar?.update(done, detail: label)
        }
        bar?.finish()
        print("Wrote \(result.figureCount) figures and index.html to \(folder.path)")
        for file in result.files {
            print("  \(file.name)  \(Formatting.bytes(file.bytes))")
        }
    }
}
