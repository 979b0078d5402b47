import TensorCore

/// The part of a hook's value an ``Intervention`` changes: all of it, one position, one head,
/// or one head at one position.
///
/// Positions are absolute (position 7 is the eighth token of the sequence, also in a generation
/// step that processes only the newest token). A position selects row p of a `[T, …]` value and
/// query row p of `attn_scores` / `pattern` (`[NH, T, S]`). A head selects head h of `q`, `k`,
/// `v`, `z` (`[T, NH, hs]`, TransformerLens's layout too) and of `attn_scores` / `pattern`;
/// hooks without a head axis (``HookName/headAxis``) take no head.
public struct HookSlice: Sendable, Hashable, CustomStringConvertible {
    /// The absolute position, or nil for every position.
    public var position: Int?
    /// The head, or nil for every head.
    public var head: Int?

    /// A slice from an optional position and head.
    public init(position: Int? = nil, head: Int? = nil) {
        self.position = position
        self.head = head
    }

    /// The whole value.
    public static let all = HookSlice()
    /// Every head's (or the only) row at absolute position `p`.
    public static func position(_ p: Int) -> HookSlice { HookSlice(position: p) }
    /// Head `h` at every position.
    public static func head(_ h: Int) -> HookSlice { HookSlice(head: h) }
    /// Head `h` at absolute position `p`.
    public static func head(_ h: Int, position p: Int) -> HookSlice { HookSlice(position: p, head: h) }

    /// `[position 7, head 3]`, or empty for the whole value.
    public var description: String {
        let parts = [position.map { "position \($0)" }, head.map { "head \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "" : "[\(parts.joined(separator: ", "))]"
    }

    /// A hook's value seen as rows: `positions × heads` innermost rows of `row` elements each.
    struct View {
        let positions: Int
        let heads: Int
        let row: Int
        /// Whether the head axis comes before the position axis (`[NH, T, S]`).
        let headsFirst: Bool

        init(hook: HookName, shape: [Int]) {
            let count = shape.reduce(1, *)
            if let headAxis = hook.headAxis, shape.count == 3 {
                positions = shape[hook.positionAxis]
                heads = shape[headAxis]
                row = shape[2]
                headsFirst = headAxis < hook.positionAxis
            } else {
                positions = shape.first ?? 1
                heads = 1
                row = positions == 0 ? 0 : count / positions
                headsFirst = false
            }
        }
    }

    /// Calls `body` with each innermost row of `value` this slice selects, in row-major order,
    /// and the row's index within the slice. `start` is the absolute position of row 0.
    func forEachRow(of value: inout Tensor, hook: HookName, start: Int,
                    _ body: (UnsafeMutableBufferPointer<Float>, Int) -> Void) {
        let view = View(hook: hook, shape: value.shape)
        precondition(head == nil || hook.headAxis != nil, "\(hook) has no heads to select head \(head ?? 0) of")
        precondition(head.map { $0 >= 0 && $0 < view.heads } ?? true, "\(hook): head \(head ?? 0) outside 0..<\(view.heads)")
        let positions: Range<Int>
        if let position {
            let p = position - start
            guard p >= 0 && p < view.positions else { return }   // not processed in this call
            positions = p ..< p + 1
        } else {
            positions = 0 ..< view.positions
        }
        let heads = head.map { $0 ..< $0 + 1 } ?? 0 ..< view.heads
        value.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            for outer in view.headsFirst ? heads : positions {
                for inner in view.headsFirst ? positions : heads {
                    let (p, h) = view.headsFirst ? (inner, outer) : (outer, inner)
                    let offset = (view.headsFirst ? h * view.positions + p : p * view.heads + h) * view.row
                    body(UnsafeMutableBufferPointer(rebasing: buffer[offset ..< offset + view.row]), index)
                    index += 1
                }
            }
        }
    }
}
