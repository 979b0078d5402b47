/// A character class: items, possibly negated.
struct ScalarSet: Sendable {
    enum Item: Sendable {
        case scalar(UInt32)
        case range(UInt32, UInt32)
        case property(ScalarProperty, negated: Bool)
    }

    var negated = false
    var items: [Item] = []

    func contains(_ value: UInt32, caseless: Bool) -> Bool {
        if containsExactly(value) != negated { return true }
        guard caseless, let scalar = Unicode.Scalar(value) else { return false }
        for other in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            if let folded = other.unicodeScalars.first, other.unicodeScalars.count == 1,
               containsExactly(folded.value) != negated { return true }
        }
        return false
    }

    private func containsExactly(_ value: UInt32) -> Bool {
        for item in items {
            switch item {
            case let .scalar(s): if s == value { return true }
            case let .range(low, high): if value >= low && value <= high { return true }
            case let .property(property, negated): if property.contains(value) != negated { return true }
            }
        }
        return false
    }
}

/// The Unicode properties a pattern may name.
enum ScalarProperty: Sendable {
    /// `\p{L}`, `\p{N}`, `\s` (White_Space): the classes GPT-2's scanner already tabulates.
    case scalarClass(ScalarClass)
    /// `\d` (decimal digits) and other general categories (`\p{Lu}`, `\p{P}`, ...).
    case categories(Set<UInt8>)
    /// `\w`: letters, marks, decimal digits and connector punctuation.
    case word
    /// `.`: anything but a newline.
    case notNewline

    func contains(_ value: UInt32) -> Bool {
        switch self {
        case let .scalarClass(cls): return ScalarClass.of(value) == cls
        case let .categories(set): return set.contains(ScalarProperty.categoryCode(value))
        case .word:
            let code = ScalarProperty.categoryCode(value)
            return ScalarClass.of(value) == .letter || (5...7).contains(code) || code == 8 || code == 11
        case .notNewline: return value != 0x0A
        }
    }

    /// The general categories in Unicode's order, so a one-letter name covers a run of codes.
    static let categoryNames = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
                                "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
                                "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]

    static func categoryCode(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 27 }  // Cs: a lone surrogate value
        let all: [Unicode.GeneralCategory] = [
            .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
            .modifierSymbol, .otherSymbol, .spaceSeparator, .lineSeparator, .paragraphSeparator,
            .control, .format, .surrogate, .privateUse, .unassigned]
        return UInt8(all.firstIndex(of: scalar.properties.generalCategory) ?? 29)
    }

    /// The property named in `\p{name}`, or nil if the name is not known.
    static func named(_ name: String) -> ScalarProperty? {
        switch name {
        case "L", "Letter": return .scalarClass(.letter)
        case "N", "Number": return .scalarClass(.number)
        case "White_Space", "Space": return .scalarClass(.whitespace)
        default: break
        }
        let codes = categoryNames.enumerated().filter { $0.element == name || ($0.element.first.map(String.init) == name) }
        return codes.isEmpty ? nil : .categories(Set(codes.map { UInt8($0.offset) }))
    }
}
