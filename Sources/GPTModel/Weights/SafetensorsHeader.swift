import Foundation

/// The JSON header of a `.safetensors` file: each tensor name mapped to
/// `{"data_offsets": [begin, end], "dtype": "F32", "shape": [...]}`, plus an optional
/// `__metadata__` map of strings.
///
/// Decoding only checks the JSON's form (an object of entries, strings in `__metadata__`);
/// ``SafetensorsFile`` then checks every entry's dtype, shape and byte range against the file.
/// Encoding writes the form GPTScope has always written, byte for byte (see ``encoded()``).
struct SafetensorsHeader: Decodable {
    /// One tensor's entry as the header holds it; numbers not yet known to be whole.
    struct Entry: Decodable {
        /// The dtype's name (`F32`, `BF16`, …).
        var dtype: String
        /// Dimensions (nil where an element is not a whole number).
        var shape: [Int?]
        /// `[begin, end]` relative to the data section (nil where not a whole number).
        var dataOffsets: [Int?]

        enum CodingKeys: String, CodingKey { case dtype, shape, dataOffsets = "data_offsets" }

        init(dtype: String, shape: [Int], dataOffsets: [Int]) {
            self.dtype = dtype
            self.shape = shape
            self.dataOffsets = dataOffsets
        }

        init(from decoder: any Decoder) throws {
            guard let fields = try? decoder.container(keyedBy: CodingKeys.self),
                  let dtype = try? fields.decode(String.self, forKey: .dtype),
                  var shape = try? fields.nestedUnkeyedContainer(forKey: .shape),
                  var offsets = try? fields.nestedUnkeyedContainer(forKey: .dataOffsets) else {
                throw Problem.entry(reason: "lacks dtype, shape or data_offsets")
            }
            self.dtype = dtype
            self.shape = try Self.integers(&shape)
            self.dataOffsets = try Self.integers(&offsets)
        }

        /// Each element as an `Int` when it is a whole JSON number below 9e15, else nil.
        private static func integers(_ container: inout any UnkeyedDecodingContainer) throws -> [Int?] {
            var values: [Int?] = []
            while !container.isAtEnd {
                guard let number = try? container.decode(Double.self) else {
                    // Not a number: step over it so the rest can still be read.
                    _ = try container.decode(Skipped.self)
                    values.append(nil)
                    continue
                }
                values.append(number == number.rounded() && abs(number) < 9e15 ? Int(number) : nil)
            }
            return values
        }
    }

    /// What decoding found wrong, before the file's path is known.
    enum Problem: Error {
        case header(reason: String)
        case entry(reason: String)
    }

    /// The `__metadata__` map (empty when absent).
    var metadata: [String: String]
    /// Every tensor's entry, by name; a failure names what is wrong with that entry.
    var entries: [String: Result<Entry, Problem>]

    init(metadata: [String: String], entries: [String: Entry]) {
        self.metadata = metadata
        self.entries = entries.mapValues { .success($0) }
    }

    init(from decoder: any Decoder) throws {
        guard let object = try? decoder.container(keyedBy: JSONKey.self) else {
            throw Problem.header(reason: "not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [String: Result<Entry, Problem>] = [:]
        for key in object.allKeys {
            if key.stringValue == Self.metadataKey {
                guard let map = try? object.nestedContainer(keyedBy: JSONKey.self, forKey: key) else {
                    throw Problem.header(reason: "__metadata__ is not an object")
                }
                for item in map.allKeys {
                    guard let string = try? map.decode(String.self, forKey: item) else {
                        throw Problem.header(reason: "__metadata__['\(item.stringValue)'] is not a string")
                    }
                    metadata[item.stringValue] = string
                }
                continue
            }
            do {
                entries[key.stringValue] = .success(try object.decode(Entry.self, forKey: key))
            } catch let problem as Problem {
                entries[key.stringValue] = .failure(problem)
            }
        }
        self.metadata = metadata
        self.entries = entries
    }

    /// The reserved key of the metadata map.
    static let metadataKey = "__metadata__"

    /// The header's JSON text without spaces, keys in `JSONSerialization`'s `sortedKeys` order
    /// (case-insensitive, digit runs compared as numbers: `h.2` before `h.10`), which is how
    /// GPTScope has always written it; `JSONEncoder`'s plain order would change every file's bytes.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func string(_ text: String) throws -> String { String(decoding: try encoder.encode(text), as: UTF8.self) }
        func object(_ members: [(key: String, value: String)]) throws -> String {
            try "{" + members.sorted { Self.precedes($0.key, $1.key) }
                .map { try string($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
        }
        func list(_ values: [Int?]) -> String { "[" + values.map { $0.map(String.init) ?? "null" }.joined(separator: ",") + "]" }

        var members: [(key: String, value: String)] = []
        if !metadata.isEmpty {
            members.append((Self.metadataKey, try object(metadata.map { ($0.key, try string($0.value)) })))
        }
        for (name, result) in entries {
            guard case .success(let entry) = result else { continue }
            members.append((name, try object([("dtype", try string(entry.dtype)), ("shape", list(entry.shape)),
                                              ("data_offsets", list(entry.dataOffsets))])))
        }
        return Data(try object(members).utf8)
    }

    /// `JSONSerialization`'s key order for `.sortedKeys`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex ..< a.endIndex,
                  locale: NSLocale.system) == .orderedAscending
    }
}

/// Any JSON value, read and dropped.
private struct Skipped: Decodable {
    init(from decoder: any Decoder) throws {}
}
