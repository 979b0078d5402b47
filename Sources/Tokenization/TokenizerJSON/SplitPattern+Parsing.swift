/// Recursive-descent parser for `SplitPattern`, refusing constructs outside its subset.
struct SplitPatternParser {
    let pattern: [Unicode.Scalar]
    var index = 0

    init(_ pattern: [Unicode.Scalar]) { self.pattern = pattern }

    mutating func parseAll() throws(SplitPattern.Unsupported) -> SplitPattern.Node {
        let node = try parseChoice(caseless: false)
        if index < pattern.count { throw .init(construct: "unbalanced ')'") }
        return node
    }

    private var peek: Unicode.Scalar? { index < pattern.count ? pattern[index] : nil }

    private func starts(with text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return index + scalars.count <= pattern.count && Array(pattern[index..<(index + scalars.count)]) == scalars
    }

    private mutating func parseChoice(caseless: Bool) throws(SplitPattern.Unsupported) -> SplitPattern.Node {
        var options = [try parseSequence(caseless: caseless)]
        while peek == "|" {
            index += 1
            options.append(try parseSequence(caseless: caseless))
        }
        return options.count == 1 ? options[0] : .choice(options)
    }

    private mutating func parseSequence(caseless: Bool) throws(SplitPattern.Unsupported) -> SplitPattern.Node {
        var items: [SplitPattern.Node] = []
        while let c = peek, c != "|", c != ")" {
            let atom = try parseAtom(caseless: caseless)
            items.append(try parseQuantifier(atom))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom(caseless: Bool) throws(SplitPattern.Unsupported) -> SplitPattern.Node {
        let c = pattern[index]
        switch c {
        case "(":
            var inner = caseless
            var look: Bool?  // negative?
            if starts(with: "(?:") { index += 3 }
            else if starts(with: "(?i:") { index += 4; inner = true }
            else if starts(with: "(?!") { index += 3; look = true }
            else if starts(with: "(?=") { index += 3; look = false }
            else if starts(with: "(?") { throw .init(construct: construct(from: index, length: 4)) }
            else { index += 1 }
            let body = try parseChoice(caseless: inner)
            guard peek == ")" else { throw .init(construct: "unclosed '('") }
            index += 1
            if let negative = look { return .lookahead(body, negative: negative) }
            return body
        case "[":
            return .set(try parseClass())
        case ".":
            index += 1
            return .set(ScalarSet(items: [.property(.notNewline, negated: false)]))
        case "^", "$":
            throw .init(construct: "anchor '\(c)'")
        case "*", "+", "?", "{":
            throw .init(construct: "quantifier '\(c)' with nothing to repeat")
        case "\\":
            let escaped = try parseEscape()
            switch escaped {
            case let .scalar(value): return .scalar(value, caseless: caseless)
            case let .property(property, negated):
                return .set(ScalarSet(items: [.property(property, negated: negated)]))
            case .range: throw .init(construct: "range outside a class")
            }
        default:
            index += 1
            return .scalar(c.value, caseless: caseless)
        }
    }

    /// The item after a backslash: a literal scalar or a class escape.
    private mutating func parseEscape() throws(SplitPattern.Unsupported) -> ScalarSet.Item {
        index += 1
        guard let c = peek else { throw .init(construct: "trailing '\\'") }
        index += 1
        switch c {
        case "s": return .property(.scalarClass(.whitespace), negated: false)
        case "S": return .property(.scalarClass(.whitespace), negated: true)
        case "d": return .property(.categories([8]), negated: false)
        case "D": return .property(.categories([8]), negated: true)
        case "w": return .property(.word, negated: false)
        case "W": return .property(.word, negated: true)
        case "p", "P":
            guard peek == "{", let close = pattern[index...].firstIndex(of: "}") else {
                throw .init(construct: "\\\(c) without {name}")
            }
            var name = String(String.UnicodeScalarView(pattern[(index + 1)..<close]))
            index = close + 1
            var negated = c == "P"
            if name.hasPrefix("^") { name.removeFirst(); negated.toggle() }
            guard let property = ScalarProperty.named(name) else { throw .init(construct: "\\\(c){\(name)}") }
            return .property(property, negated: negated)
        case "r": return .scalar(0x0D)
        case "n": return .scalar(0x0A)
        case "t": return .scalar(0x09)
        case "f": return .scalar(0x0C)
        case "v": return .scalar(0x0B)
        case "x", "u":
            var digits = ""
            if peek == "{" {
                index += 1
                while let d = peek, d != "}" { digits.unicodeScalars.append(d); index += 1 }
                index += 1
            } else {
                let count = c == "x" ? 2 : 4
                while digits.count < count, let d = peek { digits.unicodeScalars.append(d); index += 1 }
            }
            guard let value = UInt32(digits, radix: 16) else { throw .init(construct: "\\\(c)\(digits)") }
            return .scalar(value)
        default:
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                throw .init(construct: "escape '\\\(c)'")
            }
            return .scalar(c.value)  // an escaped punctuation character stands for itself
        }
    }

    private mutating func parseClass() throws(SplitPattern.Unsupported) -> ScalarSet {
        index += 1
        var set = ScalarSet()
        if peek == "^" { set.negated = true; index += 1 }
        var first = true
        while let c = peek, c != "]" || first {
            first = false
            if c == "[" { throw .init(construct: "nested class '['") }
            if starts(with: "&&") { throw .init(construct: "class intersection '&&'") }
            let item: ScalarSet.Item
            if c == "\\" { item = try parseEscape() } else { index += 1; item = .scalar(c.value) }
            if case let .scalar(low) = item, peek == "-", index + 1 < pattern.count, pattern[index + 1] != "]" {
                index += 1
                let upper: ScalarSet.Item
                if pattern[index] == "\\" { upper = try parseEscape() } else { upper = .scalar(pattern[index].value); index += 1 }
                guard case let .scalar(high) = upper, high >= low else { throw .init(construct: "class range") }
                set.items.append(.range(low, high))
            } else {
                set.items.append(item)
            }
        }
        guard peek == "]" else { throw .init(construct: "unclosed '['") }
        index += 1
        return set
    }

    private mutating func parseQuantifier(_ atom: SplitPattern.Node) throws(SplitPattern.Unsupported) -> SplitPattern.Node {
        guard let c = peek else { return atom }
        var bounds: (Int, Int)
        switch c {
        case "?": bounds = (0, 1); index += 1
        case "*": bounds = (0, Int.max); index += 1
        case "+": bounds = (1, Int.max); index += 1
        case "{":
            guard let close = pattern[index...].firstIndex(of: "}") else { return atom }
            let body = String(String.UnicodeScalarView(pattern[(index + 1)..<close]))
            let parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), let low = Int(parts[0]) else {
                throw .init(construct: "quantifier '{\(body)}'")
            }
            let high = parts.count == 1 ? low : (parts[1].isEmpty ? Int.max : Int(parts[1]) ?? -1)
            guard high >= low else { throw .init(construct: "quantifier '{\(body)}'") }
            bounds = (low, high)
            index = close + 1
        default:
            return atom
        }
        var lazy = false
        if peek == "?" { lazy = true; index += 1 }
        else if peek == "+" { throw .init(construct: "possessive quantifier '\(c)+'") }
        return .repetition(atom, min: bounds.0, max: bounds.1, lazy: lazy)
    }

    private func construct(from start: Int, length: Int) -> String {
        String(String.UnicodeScalarView(pattern[start..<min(pattern.count, start + length)]))
    }
}
