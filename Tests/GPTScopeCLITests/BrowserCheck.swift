import Foundation

/// Opens a report page in headless Chromium and asks the browser which images loaded.
///
/// The page itself has no script. A checker page in a temporary folder frames it (Chromium runs
/// with `--allow-file-access-from-files` so the checker may look inside the frame), makes every
/// image load eagerly, waits for each to load or fail, and writes the outcome into its own DOM,
/// which `--dump-dom` prints once the virtual-time budget is spent.
enum BrowserCheck {
    /// What the browser saw.
    struct Outcome: Decodable {
        /// Number of `<img>` elements.
        var images: Int = 0
        /// Images that loaded with a natural width above 0.
        var loaded: Int = 0
        /// `src` of every image that did not.
        var broken: [String] = []
        /// A script error, if the checker failed.
        var error: String?
    }

    static func run(page: URL, chromium: String) throws -> Outcome {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("gptscope-browser-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let checker = folder.appendingPathComponent("check.html")
        try Data(checkerPage(framing: page).utf8).write(to: checker)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--allow-file-access-from-files",
                             "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                             "--virtual-time-budget=30000", "--dump-dom", checker.absoluteString]
        let dom = folder.appendingPathComponent("dom.html")
        try Data().write(to: dom)
        let handle = try FileHandle(forWritingTo: dom)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: dom, encoding: .utf8)
        guard let start = text.range(of: "<pre id=\"result\">RESULT "),
              let end = text.range(of: "</pre>", range: start.upperBound..<text.endIndex) else {
            return Outcome(error: "no result in Chromium's DOM (exit \(process.terminationStatus))")
        }
        let json = String(text[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Outcome.self, from: Data(json.utf8))
    }

    static func checkerPage(framing page: URL) -> String {
        """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"></head><body>
        <pre id="result">pending</pre>
        <iframe id="report" src="\(page.absoluteString)" style="width:1200px;height:800px"></iframe>
        <script>
        const frame = document.getElementById('report');
        frame.addEventListener('load', async () => {
          const out = document.getElementById('result');
          try {
            const images = Array.from(frame.contentDocument.images);
            await Promise.all(images.map(img => {
              img.loading = 'eager';
              if (img.complete && img.naturalWidth > 0) return Promise.resolve();
              return new Promise(done => {
                img.addEventListener('load', done); img.addEventListener('error', done); setTimeout(done, 20000);
              });
            }));
            const broken = images.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src'));
            out.textContent = 'RESULT ' + JSON.stringify({images: images.length, loaded: images.length - broken.length, broken: broken});
          } catch (e) {
            out.textContent = 'RESULT ' + JSON.stringify({error: String(e)});
          }
        });
        </script>
        </body></html>
        """
    }
}
