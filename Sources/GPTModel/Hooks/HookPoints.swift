import TensorCore

/// The hook points of one forward pass: each layer passes every hooked value through
/// `hooks(name, value)`, which applies the interventions registered for `name`, records the
/// result if the filter selects `name`, and returns it for the rest of the pass to use.
///
/// Recording and intervening are one mechanism (TransformerLens's `HookPoint`), travelling as an
/// `inout` parameter, never stored in the model:
///
/// ```swift
/// var hooks = HookPoints(filter: HookFilter(patterns: ["blocks.*.hook_attn_out"]),
///                        interventions: [.zero(.z(2), .head(3))])
/// let logits = model.forward(tokens, hooks: &hooks)   // [T, V] with head 2.3 ablated
/// let cache = hooks.cache                             // attn_out of every layer, after the ablation
/// ```
///
/// With no filter and no interventions a hook point costs one check and returns its value as is.
public struct HookPoints: Sendable {
    /// Which hooks to record.
    public let filter: HookFilter
    /// The interventions, in the order they apply (several on one hook apply one after another).
    public private(set) var interventions: [Intervention]
    /// What has been recorded so far.
    public private(set) var cache = ActivationCache()
    /// The absolute position of the first token this forward call processes (the KV cache's
    /// length; ``GPT/forward(_:cache:hooks:)`` sets it), which positions in a ``HookSlice`` count from.
    public internal(set) var startPosition = 0
    /// `interventions` by hook, for the lookup at each hook point.
    private var interventionsByHook: [HookName: [Intervention]] = [:]
    /// `*` selects everything but the named-only scores; skip glob matching then.
    private let recordsEverything: Bool
    /// Whether any hook point has anything to do: the one check on the fast path.
    private var isActive: Bool

    /// Hook points recording what `filter` selects and applying `interventions`.
    public init(filter: HookFilter = .none, interventions: [Intervention] = []) {
        self.filter = filter
        self.recordsEverything = filter.patterns.contains("*")
        self.interventions = []
        self.isActive = !filter.isEmpty
        for intervention in interventions { add(intervention) }
    }

    /// Hook points that record nothing and change nothing.
    public static var none: HookPoints { HookPoints() }

    /// Registers `intervention` after those already registered.
    public mutating func add(_ intervention: Intervention) {
        interventions.append(intervention)
        interventionsByHook[intervention.hook, default: []].append(intervention)
        isActive = true
    }

    /// The hook point `name`: returns `value` after the interventions on `name`, recording it
    /// if the filter selects `name`.
    @inline(__always)
    public mutating func callAsFunction(_ name: HookName, _ value: Tensor) -> Tensor {
        guard isActive else { return value }
        return visit(name, value)
    }

    /// The hook point `name` for causal attention scores or a pattern, kept packed (the lower
    /// triangle only) when recorded; an intervention edits the dense `[NH, T, S]` value.
    @inline(__always)
    public mutating func callAsFunction(_ name: HookName, _ value: CausalScores) -> CausalScores {
        guard isActive else { return value }
        return visit(name, value)
    }

    private mutating func visit(_ name: HookName, _ value: CausalScores) -> CausalScores {
        var value = value
        if let edits = interventionsByHook[name] {
            var dense = value.unpacked()                                          // [NH, T, S]
            for edit in edits { edit.apply(to: &dense, start: startPosition) }
            value = CausalScores(packing: dense, past: value.past, fill: value.fill)
        }
        if !filter.isEmpty, (recordsEverything && !HookFilter.isNamedOnly(name)) || filter.matches(name) {
            cache.record(name, value)                                             // shares the storage
        }
        return value
    }

    private mutating func visit(_ name: HookName, _ value: Tensor) -> Tensor {
        var value = value
        if let edits = interventionsByHook[name] {
            for edit in edits { edit.apply(to: &value, start: startPosition) }   // copies only if shared
        }
        if !filter.isEmpty, recordsEverything || filter.matches(name) {
            cache[name] = value                                                   // shares the storage
        }
        return value
    }
}
