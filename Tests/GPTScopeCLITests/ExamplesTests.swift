import Foundation
import Testing

/// Runs every walk-through in `examples/` against the freshly built binary, so the lessons the
/// README points to cannot silently break.
@Suite("examples/ walk-throughs")
struct ExamplesTests {
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static var scripts: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".sh") }.sorted()
    }

    @Test("every example script runs to the end", arguments: ExamplesTests.scripts)
    func runs(script: String) throws {
        let fm = FileManager.default
        let out = fm.temporaryDirectory.appendingPathComponent("gptscope-example-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: out) }
        let root = Self.examplesFolder.deletingLastPathComponent()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.examplesFolder.appendingPathComponent(script).path]
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["GPTSCOPE"] = try CLIRunner.binary().path
        environment["OUT"] = out.path
        process.environment = environment
        let log = fm.temporaryDirectory.appendingPathComponent("gptscope-example-\(UUID().uuidString).log")
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? fm.removeItem(at: log) }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(script) failed:\n\(output.suffix(2000))")
        // Every example writes at least one figure or data file.
        let written = (fm.enumerator(atPath: out.path)?.allObjects as? [String]) ?? []
        #expect(!written.isEmpty, "\(script) wrote nothing into OUT")
    }
}
