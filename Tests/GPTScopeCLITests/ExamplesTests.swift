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

    /// A parameterised test over no arguments passes silently, so check first that the lessons
    /// are where the README says and that the examples page lists exactly these scripts.
    @Test("examples/ holds the lessons its README lists")
    func lessonsArePresent() throws {
        let scripts = Self.scripts
        #expect(scripts.count >= 9, "expected the walk-throughs in \(Self.examplesFolder.path), found \(scripts)")
        let readme = try String(contentsOf: Self.examplesFolder.appendingPathComponent("README.md"), encoding: .utf8)
        let listed = readme.matches(of: /`([0-9]{2}-[a-z0-9-]+\.sh)`/).map { String($0.1) }
        #expect(Set(listed) == Set(scripts), "examples/README.md lists \(listed.sorted()), the folder holds \(scripts)")
        for script in scripts {
            let text = try String(contentsOf: Self.examplesFolder.appendingPathComponent(script), encoding: .utf8)
            #expect(text.contains("$GPTSCOPE") || text.contains("${GPTSCOPE"), "\(script) never runs gptscope")
        }
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
