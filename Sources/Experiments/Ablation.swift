import GPTModel
import TensorCore

/// What an ablated part outputs instead of its own value.
public enum AblationMode: String, Sendable, CaseIterable {
    /// Zero: as if the part were not there (the bias of the output projection stays).
    case zero
    /// Its mean over the prompt's positions in the unablated run: removes what the part says
    /// about *this* position while keeping its average contribution, which zero ablation also removes.
    case mean
}

/// Head and MLP ablations as interventions on the hook points: a head is its slice of
/// `blocks.{l}.attn.hook_z` (before the output projection, per query head), an MLP layer is
/// `blocks.{l}.hook_mlp_out`.
public enum Ablation {
    /// The interventions that ablate `heads` in a run of `tokens`; `mode` `.mean` runs the model
    /// once, unablated, to take each head's mean over positions.
    public static func interventions(heads: [HeadIndex], mode: AblationMode, model: GPT, tokens: [Int]) throws -> [Intervention] {
        for head in heads { try head.check(in: model.configuration) }
        switch mode {
        case .zero:
            return heads.map { .zero(.z($0.layer), .head($0.head)) }
        case .mean:
            let layers = Set(heads.map(\.layer))
            let (_, cache) = try model.run(tokens, hooks: HookFilter(patterns: layers.map { HookName.z($0).description }))
            return heads.map { head in
                .replace(.z(head.layer), .head(head.head), with: meanOverPositions(headSlice(cache[.z(head.layer)]!, head: head.head)))
            }
        }
    }

    /// The intervention that ablates MLP layer `layer`, given its recorded `hook_mlp_out` (`[T, C]`, for `.mean`).
    public static func mlpIntervention(layer: Int, mode: AblationMode, mlpOut: Tensor?) -> Intervention {
        switch mode {
        case .zero: return .zero(.mlpOut(layer))
        case .mean: return .replace(.mlpOut(layer), with: meanOverPositions(mlpOut!))
        }
    }
}

/// Head `head` of a `[T, NH, hs]` hook value: `[T, NH, hs] -> [T, hs]`.
public func headSlice(_ z: Tensor, head: Int) -> Tensor {
    let (t, nh, hs) = (z.shape[0], z.shape[1], z.shape[2])
    return z.withUnsafeBufferPointer { src in
        Tensor(shape: [t, hs]) { dst in
            for p in 0 ..< t {
                for i in 0 ..< hs { dst[p * hs + i] = src[(p * nh + head) * hs + i] }
            }
        }
    }
}

/// The mean of the rows: `[T, D] -> [D]`, summed in Double.
public func meanOverPositions(_ x: Tensor) -> Tensor {
    let t = x.shape[0], d = x.count / max(1, t)
    return x.withUnsafeBufferPointer { src in
        var sums = [Double](repeating: 0, count: d)
        for p in 0 ..< t { for i in 0 ..< d { sums[i] += Double(src[p * d + i]) } }
        return Tensor(shape: [d], scalars: sums.map { Float($0 / Double(max(1, t))) })
    }
}
