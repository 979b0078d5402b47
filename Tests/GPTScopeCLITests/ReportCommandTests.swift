import Foundation
import Testing

/// `gptscope report` end to end on the fixture GPT-2, including a real browser loading the page.
@Suite("gptscope report")
struct ReportCommandTests {
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GPTModelTests/Fixtures/models/gpt2-fullvocab").path

    /// The `src` of every `<img>` in `html`.
    static func imageSources(_ html: String) -> [String] {
        html.components(separatedBy: "<img ").dropFirst().compactMap { tag in
            guard let start = tag.range(of: "src=\"") else { return nil }
            let rest = tag[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    /// Runs a report into `out` (relative to a fresh folder) and returns the run and the folder.
    static func report(_ extra: [String], out: String = "output/r") throws -> (CLIRunner.Result, URL) {
        let result = try CLIRunner.run(["report", "--model", model, "--out", out] + extra)
        return (result, result.directory.appendingPathComponent(out))
    }

    @Test("writes index.html whose every image exists, listing every figure of summary.json")
    func writesPage() throws {
        let (result, folder) = try Self.report(["--prompt", "The cat sat on the mat. 你好"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let sources = Self.imageSources(html)
        #expect(!sources.isEmpty)
        for src in sources {
            #expect(!src.hasPrefix("/") && !src.contains("://"), "\(src) is not relative")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(src).path), "missing \(src)")
        }
        let summaryData = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        #expect(summary["schema"] as? String == "gptscope.report/1")
        #expect(summary["prompt"] as? String == "The cat sat on the mat. 你好")
        let figures = try #require(summary["figures"] as? [[String: Any]])
        let stems = figures.compactMap { $0["stem"] as? String }
        #expect(stems.count == figures.count && sources == stems.map { "\($0).png" })
        for figure in figures {
            for file in figure["files"] as? [String] ?? [] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "missing \(file)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tensors.safetensors").path))
        // The summary on stdout names the folder and the time; progress went to stderr.
        #expect(result.stdout.contains("Wrote \(figures.count) figures") && result.stdout.contains("index.html"))
        #expect(result.stderr.contains("Report: ") && result.stderr.contains("100%"))
        // Nothing but the report was written.
        #expect(Set(result.writtenFiles.map { $0.split(separator: "/").prefix(2).joined(separator: "/") }) == ["output", "output/r"])
    }

    @Test("--lang zh writes Chinese headings and explanations")
    func chinese() throws {
        let (result, folder) = try Self.report(["--ids", "464,3797,3332", "--lang", "zh", "--formats", "png"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-Hans\">") && html.contains("<h2>目录</h2>"))
        #expect(html.contains("词元（token）") && html.contains("参数都在哪里"))
        #expect(!html.contains("The parameter count follows from the configuration alone"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!files.contains { $0.hasSuffix(".svg") }, "--formats png writes no SVG")
    }

    @Test("--words picks the PCA's words; --generate 0 drops the generation figure")
    func wordsAndGeneration() throws {
        let (result, folder) = try Self.report(["--ids", "464,3797,3332", "--formats", "png", "--words", "cat,dog,mouse,horse",
                                                "--generate", "0"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains("embeddings.words.png") && !files.contains("predictions.generation.png"))
        // The safetensors header is JSON after an 8-byte length.
        let data = try Data(contentsOf: folder.appendingPathComponent("tensors.safetensors"))
        let length = Int(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + length)) as? [String: Any])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        #expect(metadata["words"] == "[\"cat\",\"dog\",\"mouse\",\"horse\"]")
        #expect((header["words.embeddings"] as? [String: Any])?["shape"] as? [Int] == [4, 16])   // n_embd 16
        #expect(header["generation.ids"] == nil)
    }

    @Test("--skip leaves sections out: none of their figures are drawn or listed, the others are")
    func skipSections() throws {
        let (full, fullFolder) = try Self.report(["--ids", "464,3797,3332,319", "--formats", "png"])
        #expect(full.exitCode == 0, "\(full.stderr)")
        let (result, folder) = try Self.report(["--ids", "464,3797,3332,319", "--formats", "png", "--skip", "experiments, parameters"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        func stems(_ folder: URL) throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") })
        }
        let (all, kept) = (try stems(fullFolder), try stems(folder))
        let skipped = all.filter { $0.hasPrefix("experiments.") || $0.hasPrefix("parameters.") }
        #expect(!skipped.isEmpty)
        #expect(kept == all.subtracting(skipped))
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("experiments.") && html.contains("attention."))
        // --skip none leaves nothing out (a small model's experiments are kept without --skip too).
        let (none, noneFolder) = try Self.report(["--ids", "464,3797,3332,319", "--formats", "png", "--skip", "none"], out: "output/none")
        #expect(none.exitCode == 0, "\(none.stderr)")
        #expect(try stems(noneFolder) == all)
    }

    /// Python 3 with the `safetensors` package, if installed.
    static let pythonSafetensors: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import safetensors.numpy, numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("the default tensors file loads with Python's safetensors: TransformerLens names and shapes, patterns float16",
          .enabled(if: pythonSafetensors, "needs python3 with safetensors"))
    func tensorsLoadInPython() throws {
        let (result, folder) = try Self.report(["--ids", "464,3797,3332,319,262", "--formats", "png"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        // The fixture: 2 layers, 2 heads, width 16; TransformerLens' cache shapes without the batch.
        let script = """
        import sys
        from safetensors.numpy import load_file
        t = load_file(sys.argv[1])
        for l in range(2):
            p = t[f"blocks.{l}.attn.hook_pattern"]
            assert p.dtype.name == "float16" and p.shape == (2, 5, 5), (p.dtype, p.shape)
            assert abs(p.astype("float64").sum(axis=-1) - 1).max() < 5e-3
            assert t[f"blocks.{l}.hook_resid_pre"].dtype.name == "float32" and t[f"blocks.{l}.hook_resid_pre"].shape == (5, 16)
            assert t[f"blocks.{l}.hook_attn_out"].shape == (5, 16) and t[f"blocks.{l}.hook_mlp_out"].shape == (5, 16)
        assert t["hook_embed"].shape == (5, 16) and t["hook_pos_embed"].shape == (5, 16)
        assert t["blocks.1.hook_resid_post"].shape == (5, 16)
        assert t["softmax_step.attn_scores"].shape == (2, 5, 5) and t["softmax_step.v"].shape == (5, 2, 8)
        assert not any(n.endswith("hook_attn_scores") or n.endswith("mlp.hook_post") for n in t), sorted(t)
        print("ok", len(t))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.appendingPathComponent("tensors.safetensors").path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && text.hasPrefix("ok"), "\(problem)")
    }

    @Test("default --out is output/<model folder name>")
    func defaultOut() throws {
        let result = try CLIRunner.run(["report", "--model", Self.model, "--ids", "464,3797", "--formats", "png"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.writtenFiles.contains("output/gpt2-fullvocab/index.html"))
    }

    @Test("bad input: one clear line, non-zero exit, nothing written", arguments: [
        (["--lang", "fr", "--ids", "1"], "--lang must be en, zh or zh-Hant"),
        (["--formats", "svg", "--ids", "1"], "--formats must include png"),
        (["--formats", "png,gif", "--ids", "1"], "'gif' is none of them"),
        (["--layers", "0,x", "--ids", "1"], "--layers must be comma-separated"),
        (["--layers", "5", "--ids", "1"], "layer 5 does not exist"),
        (["--ids", "99999999"], "99999999"),
        (["--words", "king,queen", "--ids", "1"], "--words needs at least 3 different words"),
        (["--generate", "300", "--ids", "1"], "--generate must be between 0 and 256"),
        (["--tensors", "half", "--ids", "1"], "--tensors must be none, figures, all, not 'half'"),
        (["--skip", "experiment", "--ids", "1"], "--skip: no section 'experiment'; the sections are tokens,"),
        (["--skip", "tokens,embeddings,positions,architecture,attention,residual,predictions,experiments,parameters", "--ids", "1"],
         "--skip leaves no section to write"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let (result, _) = try Self.report(arguments)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(result.writtenFiles.isEmpty || result.writtenFiles == ["output"], "\(result.writtenFiles)")
    }

    @Test("an --out inside a file fails before any work and writes nothing")
    func unwritableOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gptscope-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("plain-file"))
        let result = try CLIRunner.run(["report", "--model", Self.model, "--ids", "464", "--out", "plain-file/report"], in: folder)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("plain-file is a file, not a folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("Running"), "fails before loading the model")
        #expect(result.writtenFiles == ["plain-file"])
    }

    /// Debian's `chromium`, if installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("headless Chromium loads every image of the page", .enabled(if: chromium != nil, "needs Debian's chromium"))
    func browser() throws {
        let (result, folder) = try Self.report(["--prompt", "Attention is all you need. 注意力"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let outcome = try BrowserCheck.run(page: folder.appendingPathComponent("index.html"), chromium: try #require(Self.chromium))
        #expect(outcome.error == nil, "\(outcome.error ?? "")")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(outcome.images > 0 && outcome.images == Self.imageSources(html).count)
        #expect(outcome.broken.isEmpty, "broken images: \(outcome.broken)")
        #expect(outcome.loaded == outcome.images)
    }

    @Test("the browser check notices a broken image", .enabled(if: chromium != nil, "needs Debian's chromium"))
    func browserSeesBrokenImage() throws {
        let (result, folder) = try Self.report(["--ids", "464,3797", "--formats", "png"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        try Data("not a png".utf8).write(to: folder.appendingPathComponent("tokens.png"))
        let outcome = try BrowserCheck.run(page: folder.appendingPathComponent("index.html"), chromium: try #require(Self.chromium))
        #expect(outcome.broken == ["tokens.png"])
    }
}
