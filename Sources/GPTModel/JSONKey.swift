/// A coding key for JSON objects whose keys are data (tensor names, metadata entries), not a
/// fixed schema.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
