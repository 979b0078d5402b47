import Foundation

/// Runs the built `gptscope` executable in a fresh temporary directory and captures what it does.
///
/// The binary is found next to the test bundle (`.build/<config>/gptscope`, whatever the scratch
/// path), or at `$GPTSCOPE_BINARY`. Usage:
///
///     let result = try CLIRunner.run(["params", "gpt2"])
///     #expect(result.exitCode == 0)
///     #expect(result.stdout.contains("124,439,808"))
enum CLIRunner {
    /// What one run produced.
    struct Result {
        /// The process's exit status (non-zero for errors).
        var exitCode: Int32
        /// Everything written to standard output.
        var stdout: String
        /// Everything written to standard error.
        var stderr: String
        /// The directory the command ran in; empty unless the command wrote files.
        var directory: URL
        /// Files the command left in ``directory``, relative paths, sorted.
        var writtenFiles: [String]
    }

    enum RunnerError: Error, CustomStringConvertible {
        case binaryNotFound([String])
        var description: String {
            switch self {
            case .binaryNotFound(let tried):
                "gptscope binary not found (tried \(tried.joined(separator: ", "))); build it or set GPTSCOPE_BINARY"
            }
        }
    }

    /// The `gptscope` executable built alongside the tests.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["GPTSCOPE_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        for bundle in [Bundle.main] + Bundle.allBundles {
            var folder = bundle.bundleURL
            while folder.pathExtension == "xctest" || folder.path.contains(".xctest/") {
                folder.deleteLastPathComponent()
            }
            if folder.pathExtension != "xctest" { candidates.append(folder.appendingPathComponent("gptscope")) }
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("gptscope"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/gptscope"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw RunnerError.binaryNotFound(candidates.map(\.path))
    }

    /// Runs `gptscope arguments…` in `directory` (default: a new empty temporary directory), with
    /// `environment` added to this process's environment.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let fm = FileManager.default
        let folder = directory ?? fm.temporaryDirectory.appendingPathComponent("gptscope-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // Capture through files rather than pipes, so large outputs cannot fill a pipe and block.
        let capture = fm.temporaryDirectory.appendingPathComponent("gptscope-capture-\(UUID().uuidString)")
        try fm.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()

        let written = (fm.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
        return Result(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            directory: folder, writtenFiles: written)
    }

    /// The path of a fixture config.json in GPTModelTests, for end-to-end runs on real files.
    static func fixtureConfig(_ model: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GPTModelTests/Fixtures/configs/\(model)/config.json")
    }
}
