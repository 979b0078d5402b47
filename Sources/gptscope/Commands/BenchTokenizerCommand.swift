import ArgumentParser
import Charts
import FileAccess
import Foundation
import Tokenization

/// `gptscope bench tokenizer`: encode throughput of the GPT-2 tokenizer on a text file.
struct BenchTokenizerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenizer",
        abstract: "Measure GPT-2 encode throughput (MB/s) on a UTF-8 text file.",
        discussion: """
        Encodes the whole file --repeat times after one warm-up run and reports the best and the \
        median time as MB/s (10^6 bytes of UTF-8 input per second), the token count and a checksum \
        of the ids, so a reference run can confirm it produced the same ids. Loading the \
        vocabulary is timed separately. Build in release mode for meaningful numbers.

        Tests/Scripts/tokenizer_bench.py generates English and Chinese text, runs tiktoken and \
        this command on the same files in one run, and prints both speeds and their ratio.

        Examples:
          swift run -c release gptscope bench tokenizer --file book.txt
          swift run -c release gptscope bench tokenizer --file book.txt --repeat 10 --json
        """
    )

    @Option(help: ArgumentHelp("The UTF-8 text file to encode.", valueName: "FILE"))
    var file: String

    @Option(help: "Timed runs after the warm-up.")
    var `repeat` = 5

    @Flag(help: "Write the measurements as JSON.")
    var json = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1.") }
    }

    func run() throws {
        let data = try FileAccess.readText(atPath: file, accepting: .fileOrStream)
        let text = String(decoding: data, as: UTF8.self)
        let loadStart = DispatchTime.now()
        let tokenizer = try Tokenizer.gpt2()
        let loadSeconds = Self.seconds(since: loadStart)

        var ids = tokenizer.encode(text)  // warm-up: page in the tables and the text
        var times: [Double] = []
        for run in 1...`repeat` {
            let start = DispatchTime.now()
            ids = tokenizer.encode(text)
            times.append(Self.seconds(since: start))
            if !json {
                Console.note("run \(run)/\(`repeat`): \(String(format: "%.3f", times.last ?? 0)) s")
            }
        }
        let megabytes = Double(data.count) / 1e6
        let best = times.min() ?? 0
        let median = times.sorted()[times.count / 2]
        let checksum = Self.checksum(ids)
        if json {
            let fields: [String] = [
                "\"bytes\": \(data.count)", "\"tokens\": \(ids.count)", "\"checksum\": \"\(checksum)\"",
                "\"loadSeconds\": \(loadSeconds)", "\"bestSeconds\": \(best)", "\"medianSeconds\": \(median)",
                "\"bestMBps\": \(megabytes / best)", "\"medianMBps\": \(megabytes / median)",
            ]
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("File:        \(file) (\(String(format: "%.2f", megabytes)) MB, \(NumberFormat.thousands(ids.count)) tokens, "
                  + String(format: "%.2f", Double(data.count) / Double(max(ids.count, 1))) + " bytes/token)")
            print("Load:        " + String(format: "%.1f ms", loadSeconds * 1000) + " (parse the built-in rank file, build tables)")
            print("Encode:      " + String(format: "%.1f MB/s best, %.1f MB/s median of %d runs", megabytes / best, megabytes / median, `repeat`))
            print("Checksum:    \(checksum)")
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// FNV-1a over the ids as 32-bit little-endian words, in hex; tokenizer_bench.py computes the same.
    static func checksum(_ ids: [Int]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for id in ids {
            var value = UInt32(truncatingIfNeeded: id)
            for _ in 0..<4 {
                hash = (hash ^ UInt64(value & 0xFF)) &* 0x0000_0100_0000_01B3
                value >>= 8
            }
        }
        return String(hash, radix: 16)
    }
}
