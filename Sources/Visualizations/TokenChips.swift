import Charts
import Tokenization

/// Text drawn as coloured token chips with each token's id under it: the picture explainers
/// draw by hand to show how GPT-2 reads. The title and footnote name the tokenizer the ids
/// belong to (GPT-2's, the built-in model's 4,096-token one, or a checkpoint's).
///
/// Chips follow the text: they wrap at the figure's width and after newline tokens, spaces are
/// visible (`·the`), and where a character is cut into byte-level tokens (every `<xx>` chip), a
/// bracket above those chips shows the character they make together, so "华" stands over
/// `<e5><8d>` and `<8e>`.
///
/// ```swift
/// let tokenizer = try Tokenizer.gpt2()
/// let tokens = tokenizer.tokenize("Hello 中华!")
/// try TokenChips(tokens: tokens, tokenizer: tokenizer).figure().write(to: URL(fileURLWithPath: "tokens.png"))
/// ```
public struct TokenChips: Sendable {
    /// The tokens to draw.
    public var tokens: TokenizedText
    /// The tokenizer that made `tokens`, named in the default title and the footnote (nil: the
    /// ids came without one, as for a checkpoint with no vocabulary files).
    public var tokenizer: Tokenizer?
    /// Figure title; nil gives "How GPT-2 tokenizes this text" (with the tokenizer's name).
    public var title: String?
    /// Figure width in points; the height follows from the number of rows.
    public var width: Double
    /// At most this many tokens are drawn (the subtitle says when the text was cut).
    public var maximumTokens: Int

    /// Chip fills, cycled token by token so that neighbours always differ.
    public static let palette: [Color] = [
        Color(hex: 0xCFE3FA), Color(hex: 0xFFDDB8), Color(hex: 0xCDEFC9), Color(hex: 0xF9CFE0), Color(hex: 0xE2D8F7),
    ]

    /// Creates the chart description; `figure()` lays it out.
    public init(tokens: TokenizedText, tokenizer: Tokenizer?, title: String? = nil, width: Double = 960, maximumTokens: Int = 1500) {
        self.tokens = tokens
        self.tokenizer = tokenizer
        self.title = title
        self.width = width
        self.maximumTokens = maximumTokens
    }

    // Layout constants, in points.
    static let labelFont = Font(size: 15, kind: .mono)
    static let idFont = Font(size: 9.5)
    static let groupFont = Font(size: 15)
    static let chipHeight = 26.0
    static let chipPadding = 6.0
    static let chipGap = 3.0
    static let idBand = 14.0
    static let groupBand = 24.0
    static let rowGap = 10.0

    /// Lays the chips out and returns the figure (one free-form canvas under a title block).
    public func figure() throws -> Figure {
        let measurer = try TextMeasurer()
        let theme = Theme.standard
        let inner = width - 32  // the figure's side margins
        let shown = min(tokens.count, maximumTokens)

        // Chip widths, then wrap whole groups so a split character never straddles two rows.
        let labels = (0..<shown).map {
            measurer.truncate(Self.drawable(tokens.labels[$0]), Self.labelFont, toWidth: inner - 2 * Self.chipPadding)
        }
        let widths = (0..<shown).map { i in
            max(measurer.measure(labels[i], Self.labelFont).width, measurer.measure(String(tokens.ids[i]), Self.idFont).width)
                + 2 * Self.chipPadding
        }
        // First pass: row and x of every chip; rows holding a split character get a band above
        // for its bracket and label.
        var rowOf = [Int](repeating: 0, count: shown)
        var xOf = [Double](repeating: 0, count: shown)
        var rowHasGroup: [Bool] = [false]
        var x = 0.0, row = 0
        for group in tokens.groups where group.tokens.lowerBound < shown {
            let range = group.tokens.lowerBound..<min(group.tokens.upperBound, shown)
            let groupWidth = range.reduce(0) { $0 + widths[$1] } + Self.chipGap * Double(range.count - 1)
            if x > 0 && x + groupWidth > inner {
                row += 1
                rowHasGroup.append(false)
                x = 0
            }
            for i in range {
                rowOf[i] = row
                xOf[i] = x
                x += widths[i] + Self.chipGap
            }
            if group.splitsCharacter { rowHasGroup[row] = true }
            // A token that ends in a newline ends the row, as the text does.
            if let last = range.last, tokens.tokenBytes[last].last == 0x0A, last + 1 < shown {
                row += 1
                rowHasGroup.append(false)
                x = 0
            }
        }
        // Second pass: the top of each row's chips.
        var chipTop: [Double] = []
        var y = 0.0
        for hasGroup in rowHasGroup {
            if hasGroup { y += Self.groupBand }
            chipTop.append(y)
            y += Self.chipHeight + Self.idBand + Self.rowGap
        }
        let origin = (0..<shown).map { Point(xOf[$0], chipTop[rowOf[$0]]) }
        var canvas = Canvas(size: Size(inner, y - Self.rowGap))

        for i in 0..<shown {
            let chip = Rect(x: origin[i].x, y: origin[i].y, width: widths[i], height: Self.chipHeight)
            let special = tokens.isSpecial[i]
            let fill = special ? Color(hex: 0x3A3A3A) : Self.palette[i % Self.palette.count]
            let border = Color(red: fill.red * 0.75, green: fill.green * 0.75, blue: fill.blue * 0.75)
            canvas.rect(chip, fill: fill, stroke: Stroke(border, width: 0.8), cornerRadius: 4)
            canvas.text(labels[i], at: Point(chip.midX, chip.midY), font: Self.labelFont,
                        color: special ? .white : theme.text, anchor: .center)
            canvas.text(String(tokens.ids[i]), at: Point(chip.midX, chip.maxY + 2), font: Self.idFont,
                        color: theme.mutedText, anchor: .topCenter)
        }
        for group in tokens.groups where group.splitsCharacter && group.tokens.lowerBound < shown {
            let first = group.tokens.lowerBound, last = min(group.tokens.upperBound, shown) - 1
            let left = origin[first].x + 1, right = origin[last].x + widths[last] - 1
            let y = origin[first].y - 5
            let stroke = Stroke(theme.mutedText, width: 1)
            canvas.path([Point(left, y + 4), Point(left, y), Point(right, y), Point(right, y + 4)], stroke: stroke)
            canvas.text(Self.drawable(group.label), at: Point((left + right) / 2, y - 2), font: Self.groupFont,
                        color: theme.text, anchor: .bottomCenter)
        }

        let defaultTitle = tokenizer.map { "How \(VocabularyName.short($0)) tokenizes this text" } ?? "Token ids of this text"
        var figure = Figure(width: width, height: 100, title: title ?? defaultTitle,
                            subtitle: subtitle(shown: shown))
        var notes = ["· is a space and \\n a newline."]
        if tokens.groups.contains(where: \.splitsCharacter) {
            notes.append("<xx> is one byte (in hex) of a character split across tokens; the bracket above such tokens shows the character.")
        }
        let vocabulary = tokenizer.map { "its id in \(VocabularyName.describe($0))." } ?? "its id (no tokenizer was loaded, so the ids are the labels)."
        figure.footnote = notes.joined(separator: " ") + "\nThe number under each token is " + vocabulary
        figure.height = figure.height(fittingPanelHeight: canvas.size.height, measurer: measurer)
        figure.add(canvas)
        return figure
    }

    /// `label` with emoji written as `U+1F469`: chart fonts have no emoji glyphs, and a code
    /// point teaches more than an empty box.
    static func drawable(_ label: String) -> String {
        DrawableText.escapingEmoji(label)
    }

    private func subtitle(shown: Int) -> String {
        let split = tokens.groups.filter(\.splitsCharacter).count
        var parts = ["\(NumberFormat.thousands(tokens.count)) tokens", "\(NumberFormat.thousands(tokens.characterCount)) characters",
                     "\(NumberFormat.thousands(tokens.byteCount)) bytes (UTF-8)",
                     String(format: "%.2f", tokens.bytesPerToken) + " bytes per token"]
        if split > 0 { parts.append("\(split) character\(split == 1 ? "" : "s") split into byte-level tokens") }
        var text = parts.joined(separator: " · ")
        if shown < tokens.count { text += "\nShowing the first \(NumberFormat.thousands(shown)) tokens." }
        return text
    }
}
