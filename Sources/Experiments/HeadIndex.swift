import Foundation
import GPTModel

/// One attention head: layer `layer`, query head `head` (with grouped-query attention each query
/// head is its own head here, since `hook_z` is per query head).
public struct HeadIndex: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The block.
    public let layer: Int
    /// The query head within the block.
    public let head: Int

    /// A head from its layer and query-head index.
    public init(layer: Int, head: Int) {
        self.layer = layer
        self.head = head
    }

    /// Parses `L.H` (e.g. `2.3`).
    public init(parsing text: String) throws(ExperimentError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let layer = Int(parts[0]), let head = Int(parts[1]) else { throw .malformedHead(text) }
        self.init(layer: layer, head: head)
    }

    /// `2.3`.
    public var description: String { "\(layer).\(head)" }

    public static func < (a: HeadIndex, b: HeadIndex) -> Bool { (a.layer, a.head) < (b.layer, b.head) }

    /// Throws unless the head exists in a model of `configuration`.
    public func check(in configuration: GPTConfiguration) throws(ExperimentError) {
        guard layer >= 0 && layer < configuration.layerCount else {
            throw .unknownLayer(layer: layer, layerCount: configuration.layerCount)
        }
        guard head >= 0 && head < configuration.headCount else {
            throw .unknownHead(layer: layer, head: head, headCount: configuration.headCount)
        }
    }

    /// Every head of a model, layer by layer.
    public static func all(in configuration: GPTConfiguration) -> [HeadIndex] {
        (0 ..< configuration.layerCount).flatMap { l in (0 ..< configuration.headCount).map { HeadIndex(layer: l, head: $0) } }
    }
}
