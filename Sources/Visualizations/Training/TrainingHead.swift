/// One attention head followed through training, and the kind of behaviour it is scored on.
public struct TrainingHead: Sendable, Equatable, Hashable {
    /// Block index.
    public var layer: Int
    /// Head index within the block.
    public var head: Int
    /// The score shown under its frames (previous-token, induction, …).
    public var kind: HeadScoreKind

    /// A head and its score kind.
    public init(layer: Int, head: Int, kind: HeadScoreKind) {
        self.layer = layer
        self.head = head
        self.kind = kind
    }

    /// "L1 H3".
    public var name: String { "L\(layer) H\(head)" }

    /// Parses "1.3" (layer 1, head 3); the kind is filled in by the caller.
    public static func parse(_ text: String, kind: HeadScoreKind = .previousToken) -> TrainingHead? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let l = Int(parts[0]), let h = Int(parts[1]), l >= 0, h >= 0 else { return nil }
        return TrainingHead(layer: l, head: h, kind: kind)
    }
}
