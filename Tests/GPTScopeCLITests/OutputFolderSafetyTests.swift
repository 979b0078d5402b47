import Foundation
import Testing

/// Every command that writes a folder (`report`, `train`, `train-tokenizer`, `train-report`)
/// keeps a user's files: it replaces only an empty folder or its own earlier output unless given
/// `--force`, refuses symbolic links, and leaves no staging folder behind when interrupted.
@Suite("Output folders, end to end")
struct OutputFolderSafetyTests {
    static let model = ReportCommandTests.model

    /// A fresh folder holding `thesis/chapter1.tex`: a user's folder that must survive.
    static func withUsersFolder() throws -> (root: URL, thesis: URL) {
        let root = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "tiny.json": TrainCommandTests.config])
        let thesis = root.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: thesis, withIntermediateDirectories: true)
        try Data("my chapter".utf8).write(to: thesis.appendingPathComponent("chapter1.tex"))
        return (root, thesis)
    }

    /// The refusal: one `Error:` line naming the folder and both ways out, and the user's file intact.
    static func expectRefused(_ result: CLIRunner.Result, thesis: URL, subfolder: String) throws {
        #expect(result.exitCode != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(result.stderr)")
        let line = String(errors.first ?? "")
        #expect(line.contains("\(thesis.path) is not empty and was not written by gptscope (1 item: 'chapter1.tex')"), "\(line)")
        #expect(line.contains("--out \(thesis.path)/\(subfolder)") && line.contains("--force"), "\(line)")
        #expect(try String(contentsOf: thesis.appendingPathComponent("chapter1.tex"), encoding: .utf8) == "my chapter")
        #expect(try FileManager.default.contentsOfDirectory(atPath: thesis.path) == ["chapter1.tex"])
        let hidden = try FileManager.default.contentsOfDirectory(atPath: thesis.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    static func files(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func reportKeepsAUsersFolderReplacesItWithForceAndItsOwnReportWithout() throws {
        let (root, thesis) = try Self.withUsersFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = ["report", "--model", Self.model, "--ids", "464,3797", "--formats", "png", "--out", "thesis"]
        try Self.expectRefused(try CLIRunner.run(report, in: root), thesis: thesis, subfolder: "report")

        let forced = try CLIRunner.run(report + ["--force"], in: root)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(!Self.files(thesis).contains("chapter1.tex") && Self.files(thesis).contains("index.html"))
        // Its own report is replaced without --force.
        let again = try CLIRunner.run(report, in: root)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(Self.files(root).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func reportWritesIntoAnEmptyFolderAndRemovesStagingOfDeadRunsOnly() throws {
        let root = try TrainCommandTests.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("r"), withIntermediateDirectories: true)
        // An earlier run killed while writing (its process is gone), and one still running (this test).
        let stale = ".r.partial-99999999-\(UUID().uuidString)"
        let live = ".r.partial-\(getpid())-\(UUID().uuidString)"
        for name in [stale, live] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data(count: 1000).write(to: root.appendingPathComponent(name).appendingPathComponent("tokens.png"))
        }
        let result = try CLIRunner.run(["report", "--model", Self.model, "--ids", "464", "--formats", "png", "--out", "r"], in: root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(Self.files(root.appendingPathComponent("r")).contains("index.html"))
        #expect(Self.files(root) == [live, "r"].sorted())
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedReportLeavesNoStagingFolder(signal: Int32) throws {
        let root = try TrainCommandTests.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        let stderr = root.appendingPathComponent("stderr.txt")
        try Data().write(to: stderr)
        let process = Process()
        process.executableURL = try CLIRunner.binary()
        process.arguments = ["report", "--model", Self.model, "--prompt", "The cat sat on the mat because it was tired", "--out", "r"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        // Wait until figures are being written into the staging folder, then interrupt.
        let deadline = Date().addingTimeInterval(120)
        func staging() -> [String] { Self.files(root).filter { $0.hasPrefix(".r.partial-") } }
        while staging().isEmpty, process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!staging().isEmpty, "the report never started writing")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(staging().isEmpty, "\(Self.files(root))")
        #expect(Self.files(root) == ["stderr.txt"])
        let message = try String(contentsOf: stderr, encoding: .utf8)
        #expect(message.contains("Removed the unfinished output meant for \(root.appendingPathComponent("r").path)"), "\(message)")
    }

    @Test func aSymbolicLinkIsRefusedAndKept() throws {
        let root = try TrainCommandTests.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "real")
        for arguments in [["report", "--model", Self.model, "--ids", "464", "--out", "link", "--force"],
                          ["train-tokenizer", "--corpus", "c.txt", "--out", "link"]] {
            try Data("some text".utf8).write(to: root.appendingPathComponent("c.txt"))
            let result = try CLIRunner.run(arguments, in: root)
            #expect(result.exitCode != 0)
            #expect(result.stderr.contains("Error: cannot write to --out \(root.path)/link: it is a symbolic link (to real)"), "\(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("link").path) == "real")
            #expect(Self.files(root) == ["c.txt", "link", "real"])
        }
    }

    @Test func trainTokenizerKeepsAUsersFolderAndReplacesItsOwn() throws {
        let (root, thesis) = try Self.withUsersFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let command = ["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "280", "--out", "thesis"]
        try Self.expectRefused(try CLIRunner.run(command, in: root), thesis: thesis, subfolder: "tokenizer")
        let forced = try CLIRunner.run(command + ["--force"], in: root)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(Self.files(thesis) == ["merges.txt", "vocab.json"])
        // Its own folder, with a chart drawn into it, is replaced without --force.
        let again = try CLIRunner.run(command + ["--chart", "thesis/merges.png"], in: root)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(Self.files(thesis) == ["merges.png", "merges.txt", "vocab.json"])
        let third = try CLIRunner.run(command, in: root)
        #expect(third.exitCode == 0, "\(third.stderr)")
        #expect(Self.files(root).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func trainKeepsAUsersFolderStartsOverWithForceAndTrainReportDoesTheSame() throws {
        let (root, thesis) = try Self.withUsersFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let train = ["train", "--corpus", "c.txt", "--config", "tiny.json", "--context", "16", "--batch", "2", "--steps", "2",
                     "--eval-every", "1", "--save-every", "2", "--eval-sequences", "1", "--out", "thesis"]
        try Self.expectRefused(try CLIRunner.run(train, in: root), thesis: thesis, subfolder: "model")
        let both = try CLIRunner.run(train + ["--force", "--resume"], in: root)
        #expect(both.exitCode != 0 && both.stderr.contains("not both"), "\(both.stderr)")

        let forced = try CLIRunner.run(train + ["--force"], in: root)
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        let run = Self.files(thesis)
        #expect(!run.contains("chapter1.tex") && run.contains("model.safetensors") && !run.contains(".gptscope.lock"), "\(run)")

        // train-report into a user's folder.
        let notes = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("my chapter".utf8).write(to: notes.appendingPathComponent("chapter1.tex"))
        let report = ["train-report", "--run", "thesis", "--formats", "png", "--out", "notes"]
        try Self.expectRefused(try CLIRunner.run(report, in: root), thesis: notes, subfolder: "report")
        let forcedReport = try CLIRunner.run(report + ["--force"], in: root)
        #expect(forcedReport.exitCode == 0, "\(forcedReport.stderr)")
        #expect(Self.files(notes).contains("index.html") && !Self.files(notes).contains("chapter1.tex"))
        let again = try CLIRunner.run(report, in: root)
        #expect(again.exitCode == 0, "\(again.stderr)")
    }

    @Test func aSecondCtrlCQuitsTrainingAtOnce() throws {
        let folder = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "stderr.txt": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        // Big enough that one step takes seconds: the second Ctrl-C comes long before it ends.
        let config = #"{"model_type": "gpt2", "vocab_size": 300, "n_positions": 64, "n_embd": 384, "n_layer": 6, "n_head": 6}"#
        try Data(config.utf8).write(to: folder.appendingPathComponent("big.json"))
        #expect(try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: folder).exitCode == 0)
        let stderr = folder.appendingPathComponent("stderr.txt")
        let process = Process()
        process.executableURL = try CLIRunner.binary()
        process.arguments = ["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "big.json", "--batch", "32",
                             "--steps", "1000", "--eval-sequences", "1", "--out", "model"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        func said(_ text: String) -> Bool { ((try? String(contentsOf: stderr, encoding: .utf8)) ?? "").contains(text) }
        let log = folder.appendingPathComponent("model/train-log.json")
        let deadline = Date().addingTimeInterval(300)
        // The log appears after the step-0 evaluation: the first step is under way.
        while !FileManager.default.fileExists(atPath: log.path), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        process.interrupt()
        while !said("Ctrl-C again to quit now"), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(said("Quit at once") && !said("Interrupted after step"), "\((try? String(contentsOf: stderr, encoding: .utf8)) ?? "")")
        let left = Self.files(folder.appendingPathComponent("model")).filter { $0.hasPrefix(".staging-") }
        #expect(left.isEmpty)
    }

    /// Runs `tool arguments…` and returns its exit status.
    @discardableResult
    static func system(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether this machine lets the tests mount a small tmpfs (Linux, as root): a real full disk.
    static let canMountSmallDisk: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount"),
              let probe = try? TrainCommandTests.folder(with: [:]) else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard system("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
        system("/bin/umount", [probe.path])
        return true
    }()

    @Test(.enabled(if: canMountSmallDisk, "needs root on Linux to mount a 64 kB tmpfs"))
    func aFullDiskLeavesNothingHalfWrittenAndSaysSo() throws {
        let root = try TrainCommandTests.folder(with: ["c.txt": TrainCommandTests.text, "tiny.json": TrainCommandTests.config])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try CLIRunner.run(["train-tokenizer", "--corpus", "c.txt", "--vocab-size", "300", "--out", "tok"], in: root).exitCode == 0)
        let disk = root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(Self.system("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path]) == 0)
        defer { Self.system("/bin/umount", [disk.path]) }

        let report = try CLIRunner.run(["report", "--model", Self.model, "--ids", "464", "--out", "disk/r"], in: root)
        #expect(report.exitCode != 0)
        #expect(report.stderr.contains("Error: the disk is full (writing ") && report.stderr.contains("nothing was written"), "\(report.stderr)")
        #expect(Self.files(disk) == [])

        // Training writes its log, then its first checkpoint does not fit: no part of it is left.
        let train = try CLIRunner.run(["train", "--corpus", "c.txt", "--tokenizer", "tok", "--config", "tiny.json", "--context", "16",
                                       "--batch", "2", "--steps", "4", "--save-every", "2", "--eval-sequences", "1",
                                       "--out", "disk/model"], in: root)
        #expect(train.exitCode != 0)
        #expect(train.stderr.contains("the disk is full while writing"), "\(train.stderr)")
        let model = Self.files(disk.appendingPathComponent("model"))
        #expect(!model.contains { $0.hasPrefix(".staging-") || $0 == "model.safetensors" || $0 == "training_state.safetensors" }, "\(model)")
    }

    @Test(arguments: ["report", "train", "train-tokenizer", "train-report"])
    func helpDocumentsForce(command: String) throws {
        let result = try CLIRunner.run([command, "--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("--force"), "\(result.stdout)")
    }
}
