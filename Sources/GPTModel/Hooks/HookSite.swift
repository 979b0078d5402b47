import TensorCore

/// Where a layer hands each hooked value: one run's ``HookPoints``, or a ``BatchHooks`` that
/// applies each run's interventions to that run's rows of a batch stacked along positions.
///
/// The blocks are written once against this, so a batch of resumed runs goes through exactly
/// the code of a single run.
public protocol HookSite {
    /// The hook point `name`: `value` after whatever the site does to it.
    mutating func callAsFunction(_ name: HookName, _ value: Tensor) -> Tensor
}

extension HookPoints: HookSite {}
