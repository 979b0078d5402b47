import Charts
import Foundation
import Testing
import GPTModel
import Tokenization
import Visualizations

/// Layout and content of the token-chip chart (ids from tiktoken, see TokenizationTests).
@Suite struct TokenChipsTests {
    let tokenizer = try! Tokenizer.gpt2()

    /// The chip rectangles and texts of the figure's canvas.
    func shapes(_ figure: Figure) throws -> (chips: [Rect], texts: [(String, Point)], canvas: Canvas) {
        let panels = figure.panels
        try #require(panels.count == 1)
        var found: Canvas?
        if case .canvas(let c) = panels[0].content { found = c }
        let canvas = try #require(found, "the chart is one canvas panel")
        var chips: [Rect] = []
        var texts: [(String, Point)] = []
        for shape in canvas.shapes {
            switch shape {
            case let .rect(r, _, _, _): chips.append(r)
            case let .text(s, p, _, _, _, _): texts.append((s, p))
            default: break
            }
        }
        return (chips, texts, canvas)
    }

    @Test func chineseCharactersStandOverTheirTokens() throws {
        let tokens = tokenizer.tokenize("中华 is")  // tiktoken: 40792 (中), 39355 + 236 (华), 318 (·is)
        let figure = try TokenChips(tokens: tokens, tokenizer: tokenizer).figure()
        let (chips, texts, _) = try shapes(figure)
        #expect(chips.count == 4)
        let strings = texts.map(\.0)
        for expected in ["中", "<e5><8d>", "<8e>", "·is", "40792", "39355", "236", "318"] {
            #expect(strings.contains(expected), "\(expected)")
        }
        // 华 is drawn once, centred over its two chips and above them.
        let hua = try #require(texts.first { $0.0 == "华" })
        #expect(abs(hua.1.x - (chips[1].x + chips[2].maxX) / 2) < 1.5)
        #expect(hua.1.y < chips[1].y)
        // 中 is a whole token: no bracket label for it above the chips.
        #expect(texts.filter { $0.0 == "中" }.count == 1)
        let svg = try figure.svg().replacingOccurrences(of: "<tspan[^>]*>|</tspan>", with: "", options: .regularExpression)
        #expect(svg.contains(">华</text>") && svg.contains(">39355</text>"))
    }

    @Test func chipsWrapAndNewlinesBreakRows() throws {
        let text = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 6) + "\nNext line"
        let tokens = tokenizer.tokenize(text)
        let (chips, _, canvas) = try shapes(try TokenChips(tokens: tokens, tokenizer: tokenizer, width: 500).figure())
        #expect(chips.count == tokens.count)
        #expect(chips.allSatisfy { $0.x >= 0 && $0.maxX <= canvas.size.width + 0.01 })
        #expect(Set(chips.map(\.y)).count >= 4)
        // The token after the newline starts a row.
        let newline = try #require(tokens.tokenBytes.firstIndex { $0.last == 0x0A })
        #expect(chips[newline + 1].x == 0 && chips[newline + 1].y > chips[newline].y)
        // Neighbouring chips on a row never overlap.
        for i in 1..<chips.count where chips[i].y == chips[i - 1].y {
            #expect(chips[i].x >= chips[i - 1].maxX)
        }
    }

    @Test func leadingSpacesAreVisible() throws {
        let (_, texts, _) = try shapes(try TokenChips(tokens: tokenizer.tokenize("Hello world"), tokenizer: tokenizer).figure())
        #expect(texts.map(\.0).contains("·world"))
    }

    @Test func longTextIsCutAndSaysSo() throws {
        let tokens = tokenizer.tokenize(String(repeating: "word ", count: 50))
        let figure = try TokenChips(tokens: tokens, tokenizer: tokenizer, maximumTokens: 10).figure()
        #expect(try shapes(figure).chips.count == 10)
        #expect(figure.subtitle?.contains("Showing the first 10 tokens") == true)
    }

    @Test func writesPNG() throws {
        let data = try TokenChips(tokens: tokenizer.tokenize("中华人民共和国"), tokenizer: tokenizer).figure().pngData(scale: 1)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    /// Issue 12, item 2: the built-in model's chart said its ids were GPT-2's. Reference ids from
    /// Hugging Face `tokenizers` (BPE.from_file on the shipped vocab.json + merges.txt, ByteLevel
    /// pre-tokenizer): "And God said, Let there be light: 中华" → 295 386 387 11 1547 379 294 1066
    /// 25 220 2051 1027 236 (GPT-2's own ids for "And God said" are 1870 1793 531).
    @Test func namesTheTokenizerWhoseIdsItShows() throws {
        let builtIn = try DefaultModel.tokenizer()
        #expect(builtIn.encode("And God said, Let there be light: 中华") == [295, 386, 387, 11, 1547, 379, 294, 1066, 25, 220, 2051, 1027, 236])
        let tokens = builtIn.tokenize("And God said")
        #expect(tokens.ids == [295, 386, 387])
        let figure = try TokenChips(tokens: tokens, tokenizer: builtIn).figure()
        #expect(figure.title == "How the built-in model tokenizes this text")
        #expect(figure.footnote?.contains("the built-in model's own byte-level BPE (gptscope-default, 4,096 tokens)") == true)
        #expect(figure.footnote?.contains("GPT-2") == false)
        let gpt2 = try TokenChips(tokens: tokenizer.tokenize("And God said"), tokenizer: tokenizer).figure()
        #expect(gpt2.footnote?.contains("GPT-2's byte-level BPE (gpt2, 50,257 tokens)") == true)
        let none = try TokenChips(tokens: tokens, tokenizer: nil).figure()
        #expect(none.footnote?.contains("no tokenizer") == true)
    }
}
