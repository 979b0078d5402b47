import TensorCore

/// A change to the value at one hook point, made as the forward pass goes through it: what
/// ablations and activation patching are built from (TransformerLens's `run_with_hooks`).
///
/// ```swift
/// // Zero-ablate head 3 of layer 2 (its slice of hook_z, at every position).
/// .zero(.z(2), .head(3))
/// // Patch the residual stream entering block 5 at position 7 with another run's.
/// .replace(.residPre(5), .position(7), with: other[.residPre(5)]!.row(7))
/// ```
///
/// Everything downstream sees the changed value, and a recording of the hook records it.
public struct Intervention: Sendable {
    /// The hook whose value changes.
    public let hook: HookName
    /// The part of the value that changes (``HookSlice/all`` for all of it).
    public let slice: HookSlice
    /// What happens to that part.
    public let edit: Edit

    /// What an intervention does to its slice.
    public enum Edit: Sendable {
        /// Sets every element of the slice to 0 (zero ablation).
        case zero
        /// Overwrites the slice with these values, row-major: either exactly as many as the slice
        /// holds, or one innermost row (`[C]`, `[hs]`, `[S]`) written into every row of the slice
        /// (mean ablation with a mean over a dataset, a steering value at every position).
        case replace(Tensor)
        /// Replaces the whole value with `f(hook, value)`, which must keep its shape.
        case transform(@Sendable (HookName, Tensor) -> Tensor)
    }

    /// An intervention from its parts; a transform ignores `slice` (use ``HookSlice/all``).
    public init(hook: HookName, slice: HookSlice = .all, edit: Edit) {
        self.hook = hook
        self.slice = slice
        self.edit = edit
    }

    /// Sets `slice` of `hook`'s value to 0.
    public static func zero(_ hook: HookName, _ slice: HookSlice = .all) -> Intervention {
        Intervention(hook: hook, slice: slice, edit: .zero)
    }

    /// Overwrites `slice` of `hook`'s value with `values` (see ``Edit/replace(_:)``).
    public static func replace(_ hook: HookName, _ slice: HookSlice = .all, with values: Tensor) -> Intervention {
        Intervention(hook: hook, slice: slice, edit: .replace(values))
    }

    /// Replaces `hook`'s value with `f(hook, value)` (same shape): any other edit.
    public static func transform(_ hook: HookName, _ f: @escaping @Sendable (HookName, Tensor) -> Tensor) -> Intervention {
        Intervention(hook: hook, edit: .transform(f))
    }

    /// Elements the slice holds in a value of `shape`, and the length of its innermost rows.
    func sliceSize(shape: [Int]) -> (count: Int, row: Int) {
        let view = HookSlice.View(hook: hook, shape: shape)
        let rows = (slice.position == nil ? view.positions : 1) * (slice.head == nil ? view.heads : 1)
        return (rows * view.row, view.row)
    }

    /// Applies the edit to `value`, whose first position is absolute position `start`. A
    /// position outside `start ..< start + T` is not in this call (a generation step), so
    /// nothing changes.
    func apply(to value: inout Tensor, start: Int) {
        switch edit {
        case .transform(let f):
            let shape = value.shape
            value = f(hook, value)
            precondition(value.shape == shape, "intervention on \(hook) changed its shape from \(shape) to \(value.shape)")
        case .zero:
            slice.forEachRow(of: &value, hook: hook, start: start) { row, _ in row.update(repeating: 0) }
        case .replace(let values):
            let (count, width) = sliceSize(shape: value.shape)
            precondition(values.count == count || values.count == width,
                         "intervention on \(hook)\(slice): \(values.count) values for a slice of \(count) (or one row of \(width))")
            values.withUnsafeBufferPointer { source in
                slice.forEachRow(of: &value, hook: hook, start: start) { row, index in
                    let offset = values.count == width ? 0 : index * width
                    _ = row.update(fromContentsOf: source[offset ..< offset + width])
                }
            }
        }
    }
}
