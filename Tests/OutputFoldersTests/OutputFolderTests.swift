import Foundation
import Testing
@testable import OutputFolders

/// The rule every command's `--out` follows: what may be replaced, staging, commit, clean-up.
@Suite("Output folders")
struct OutputFolderTests {
    /// A fresh temporary folder to work in.
    static func sandbox() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Recognises folders holding a `marker` file, as a report recognises its summary.json.
    static func output(_ url: URL, _ replacing: OutputFolder.Replacing = .ownFolders) -> OutputFolder {
        OutputFolder(url, replacing: replacing) { FileManager.default.fileExists(atPath: $0.appendingPathComponent("marker").path) }
    }

    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Writes `files` through a staging folder and commits it.
    static func write(_ files: [String: String], to output: OutputFolder) throws {
        let staging = try output.stage()
        for (name, text) in files { try staging.write(Data(text.utf8), named: name) }
        try staging.commit()
    }

    @Test func createsAMissingFolderAndItsParentsLeavingNothingBeside() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("a/b/out")
        try Self.write(["marker": "1", "x.txt": "x"], to: Self.output(out))
        #expect(try Self.names(out) == ["marker", "x.txt"])
        #expect(try Self.names(out.deletingLastPathComponent()) == ["out"])
        #expect(StagingRegistry.folders.allSatisfy { !$0.path.hasPrefix(root.path) })
    }

    @Test func anEmptyFolderAndAnOwnFolderAreReplacedWhole() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(try Self.output(out).check() == .empty)
        try Self.write(["marker": "1", "old.txt": "old"], to: Self.output(out))
        #expect(try Self.output(out).check() == .own)
        try Self.write(["marker": "2", "new.txt": "new"], to: Self.output(out))
        #expect(try Self.names(out) == ["marker", "new.txt"])
        #expect(try Self.names(root) == ["out"])
    }

    @Test func aFolderWithSomeoneElsesFilesIsRefusedAndSurvivesUnlessReplacingAnything() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let thesis = root.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: thesis, withIntermediateDirectories: true)
        try Data("my chapter".utf8).write(to: thesis.appendingPathComponent("chapter1.tex"))
        try Data("notes".utf8).write(to: thesis.appendingPathComponent("notes.md"))
        let refusal = OutputFolderError.notEmpty(path: thesis.path, itemCount: 2, example: "chapter1.tex")
        #expect(throws: refusal) { try Self.output(thesis).check() }
        #expect(throws: refusal) { try Self.output(thesis).stage() }
        #expect(throws: refusal) { try Self.output(thesis).prepareInPlace(clearing: true) }
        #expect(refusal.hint == .writeInsideOrAllowReplacing)
        #expect(!refusal.description.contains("--"), "the library names no command-line option")
        #expect(try String(contentsOf: thesis.appendingPathComponent("chapter1.tex"), encoding: .utf8) == "my chapter")
        #expect(try Self.names(root) == ["thesis"], "no staging folder was made")

        try Self.write(["marker": "1"], to: Self.output(thesis, .anyFolder))
        #expect(try Self.names(thesis) == ["marker"])
    }

    @Test func prepareInPlaceEmptiesOnlyWhatItMay() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: run.appendingPathComponent("marker"))
        try Self.output(run).prepareInPlace(clearing: false)
        #expect(try Self.names(run) == ["marker"])
        try Self.output(run).prepareInPlace(clearing: true)
        #expect(try Self.names(run) == [])
        try Data("x".utf8).write(to: run.appendingPathComponent("theirs.txt"))
        #expect(throws: OutputFolderError.self) { try Self.output(run).prepareInPlace(clearing: true) }
        try Self.output(run, .anyFolder).prepareInPlace(clearing: true)
        #expect(try Self.names(run) == [])
    }

    @Test func filesAndSymbolicLinksAreRefusedAndLeftAlone() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        #expect(throws: OutputFolderError.unusable(path: file.path, reason: .isAFile)) { try Self.output(file).check() }
        let below = file.appendingPathComponent("out")
        #expect(throws: OutputFolderError.unusable(path: below.path, reason: .ancestorIsAFile(ancestor: file.path))) {
            try Self.output(below).stage()
        }
        let target = root.appendingPathComponent("real")
        try Self.write(["marker": "1"], to: Self.output(target))
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real")
        let dangling = root.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere")
        #expect(throws: OutputFolderError.unusable(path: link.path, reason: .symbolicLink(target: "real"))) {
            try Self.output(link, .anyFolder).stage()
        }
        #expect(throws: OutputFolderError.unusable(path: dangling.path, reason: .symbolicLink(target: "nowhere"))) {
            try Self.output(dangling).checkInPlace()
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real")
        #expect(try Self.names(target) == ["marker"])
        #expect(try Self.names(root) == ["dangling", "file", "link", "real"])
    }

    @Test(.enabled(if: getuid() != 0, "root may write anywhere"))
    func anUnwritableFolderIsRefused() throws {
        let root = try Self.sandbox()
        defer {
            chmod(root.path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        chmod(root.path, 0o555)
        let out = root.appendingPathComponent("out")
        #expect(throws: OutputFolderError.unusable(path: out.path, reason: .notWritable(folder: root.path))) {
            try Self.output(out).check()
        }
    }

    @Test func ofTwoConcurrentWritersTheFirstToCommitWinsAndTheOtherIsTold() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let first = try Self.output(out).stage()
        let second = try Self.output(out).stage()
        try first.write(Data("first".utf8), named: "marker")
        try first.write(Data("first".utf8), named: "first.txt")
        try second.write(Data("second".utf8), named: "marker")
        try second.write(Data("second".utf8), named: "second.txt")
        try first.commit()
        #expect(throws: OutputFolderError.changedMeanwhile(path: out.path)) { try second.commit() }
        #expect(try Self.names(out) == ["first.txt", "marker"])
        #expect(try Self.names(root) == ["out"], "the loser's staging folder is gone")
    }

    /// Run A stages while B's result is at `out`; B's folder is replaced by C's, which the file
    /// system may give the inode number B's (removed) folder had. A must still see the change
    /// and not put its older result over C's. The reuse is played here by moving the folder away
    /// and back with C's file added: same device and inode, different folder contents.
    @Test func aWriterIsToldEvenWhenTheNewFolderHasTheOldInodeNumber() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try Self.write(["marker": "b"], to: Self.output(out))
        let runA = try Self.output(out).stage()
        try runA.write(Data("a".utf8), named: "marker")
        let away = root.appendingPathComponent("away")
        #expect(rename(out.path, away.path) == 0)
        try Data("c".utf8).write(to: away.appendingPathComponent("marker"))
        try Data("c".utf8).write(to: away.appendingPathComponent("c.txt"))
        #expect(rename(away.path, out.path) == 0)
        #expect(throws: OutputFolderError.changedMeanwhile(path: out.path)) { try runA.commit() }
        #expect(try String(contentsOf: out.appendingPathComponent("marker"), encoding: .utf8) == "c")
        #expect(try Self.names(root) == ["out"])
    }

    @Test func manyWritersOnManyThreadsNeverLeaveAMix() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try Self.write(["marker": "old", "old.txt": "old"], to: Self.output(out))
        let writers = 8
        // Everyone stages while the old folder is there, then all commit at once.
        let stagings = try (0 ..< writers).map { index in
            let staging = try Self.output(out).stage()
            for file in 0 ..< 5 { try staging.write(Data("\(index)".utf8), named: "w\(index)-\(file).txt") }
            try staging.write(Data("\(index)".utf8), named: "marker")
            return staging
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            do {
                try stagings[index].commit()
                outcomes.add(index, nil)
            } catch {
                outcomes.add(index, error as? OutputFolderError)
            }
        }
        let winners = outcomes.all.filter { $0.1 == nil }.map(\.0)
        #expect(winners.count == 1)
        #expect(outcomes.all.filter { $0.1 != nil }.allSatisfy { $0.1 == .changedMeanwhile(path: out.path) })
        let winner = try #require(winners.first)
        #expect(try Self.names(out) == ["marker"] + (0 ..< 5).map { "w\(winner)-\($0).txt" }.sorted())
        #expect(try Self.names(root) == ["out"])
    }

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [(Int, OutputFolderError?)] = []
        func add(_ index: Int, _ error: OutputFolderError?) { lock.withLock { list.append((index, error)) } }
        var all: [(Int, OutputFolderError?)] { lock.withLock { list } }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux)"))
    func aFullDiskIsReportedAndLeavesTheOlderFolderAsItWas() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        try Self.write(["marker": "old"], to: Self.output(out))
        let staging = try Self.output(out).stage()
        try staging.write(Data("new".utf8), named: "marker")
        // /dev/full fails every write with ENOSPC, as a full disk does.
        try FileManager.default.createSymbolicLink(atPath: staging.folder.appendingPathComponent("big.bin").path,
                                                   withDestinationPath: "/dev/full")
        let error = OutputFolderError.diskFull(path: out.path, file: "big.bin")
        #expect(throws: error) { try staging.write(Data(count: 1 << 16), named: "big.bin") }
        #expect(error.description.contains("the disk is full") && error.description.contains("nothing was written"))
        staging.discard()
        #expect(try Self.names(root) == ["out"])
        #expect(try String(contentsOf: out.appendingPathComponent("marker"), encoding: .utf8) == "old")
        #expect(!StagingRegistry.folders.contains(staging.folder))
    }

    @Test func stagingLeftByADeadProcessIsRemovedButALiveRunsIsKept() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let dead: pid_t = 99_999_999   // above any pid_max, so never a running process
        #expect(StagingName.isDead(dead) && !StagingName.isDead(getpid()))
        let leftovers = [".out.partial-\(dead)-\(UUID().uuidString)", ".out.old-\(dead)-\(UUID().uuidString)",
                         ".out.partial-\(dead)-\(UUID().uuidString)-removing"]
        let live = ".out.partial-\(getpid())-\(UUID().uuidString)"
        let other = ".other.partial-\(dead)-\(UUID().uuidString)"
        for name in leftovers + [live, other] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name).appendingPathComponent("x"),
                                                    withIntermediateDirectories: true)
        }
        // Earlier versions named them `.out.partial-<uuid>`: removed once untouched for an hour.
        let legacyOld = ".out.partial-\(UUID().uuidString)", legacyNew = ".out.partial-\(UUID().uuidString)"
        for name in [legacyOld, legacyNew] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)],
                                              ofItemAtPath: root.appendingPathComponent(legacyOld).path)
        try Self.write(["marker": "1"], to: Self.output(root.appendingPathComponent("out")))
        #expect(try Self.names(root) == [legacyNew, live, other, "out"].sorted())
    }

    @Test func aFolderLockedByOneRunIsRefusedToAnother() throws {
        let root = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run")
        let lock = try Self.output(run).lock()
        #expect(throws: OutputFolderError.busy(path: run.path)) { try Self.output(run).lock() }
        // The lock file does not make the folder non-empty.
        #expect(try Self.output(run).checkInPlace() == .empty)
        lock.release()
        #expect(try Self.names(run) == [], "the lock file goes with the lock")
        let again = try Self.output(run).lock()
        again.release()
    }
}
