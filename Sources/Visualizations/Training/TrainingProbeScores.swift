import Foundation

/// Head scores (see ``HeadScores``: 1 = ideal head, chance = uniform head) of every head at
/// every probe snapshot of a run: how much each head behaves like a previous-token or an
/// induction head, step by step. Duplicate-token and induction score only the second copy of
/// the probe's repeated random tokens.
public struct TrainingProbeScores: Sendable, Equatable {
    /// The snapshots' steps, ascending.
    public var steps: [Int]
    /// The kinds scored.
    public var kinds: [HeadScoreKind]
    /// `scores[snapshot][kind]`: one ``HeadScores`` (layers × heads) per kind.
    public var scores: [[HeadScores]]

    /// Scores from their parts.
    public init(steps: [Int], kinds: [HeadScoreKind], scores: [[HeadScores]]) {
        self.steps = steps
        self.kinds = kinds
        self.scores = scores
    }

    /// Scores every snapshot of `history` found in `folder`, one snapshot in memory at a time.
    /// Kinds: previous-token, plus induction and duplicate-token when the probe repeats tokens.
    public static func compute(history: TrainingHistory, runFolder folder: URL) throws -> TrainingProbeScores {
        guard let probe = history.probe else { throw TrainingReportError.noProbes(path: folder.path) }
        let kinds = AttentionFigures.scoreKinds(ids: probe.ids).filter { $0 != .firstToken && $0 != .currentToken }
        let second = probe.secondCopy
        var steps: [Int] = []
        var rows: [[HeadScores]] = []
        for (step, url) in snapshotFiles(history, runFolder: folder) {
            let snapshot = try TrainingSnapshot.load(url, step: step, layers: history.shape.layerCount)
            rows.append(try score(snapshot, ids: probe.ids, kinds: kinds, repeatQueries: second, path: url.path))
            steps.append(step)
        }
        guard !steps.isEmpty else { throw TrainingReportError.noProbes(path: folder.path) }
        return TrainingProbeScores(steps: steps, kinds: kinds, scores: rows)
    }

    /// The evaluations' probe files that exist, as (step, URL), in step order.
    public static func snapshotFiles(_ history: TrainingHistory, runFolder folder: URL) -> [(step: Int, url: URL)] {
        history.evaluations.compactMap { e in
            guard let file = e.probeFile else { return nil }
            let url = folder.appendingPathComponent(file)
            return FileManager.default.fileExists(atPath: url.path) ? (e.step, url) : nil
        }.sorted { $0.step < $1.step }
    }

    /// One snapshot's scores, one ``HeadScores`` per kind (`repeatQueries` as in
    /// ``HeadScoreKind/targets(ids:repeatQueries:)``).
    public static func score(_ snapshot: TrainingSnapshot, ids: [Int], kinds: [HeadScoreKind], repeatQueries: Range<Int>? = nil,
                             path: String = "probe") throws -> [HeadScores] {
        do {
            return try kinds.map { try HeadScores(kind: $0, patterns: snapshot.patterns, ids: ids, repeatQueries: repeatQueries) }
        } catch {
            throw TrainingReportError.unreadableProbe(path: path, reason: "\(error)")
        }
    }

    /// The score of `head` (layer, head, kind) at every snapshot (NaN when the kind was not scored).
    public func series(_ head: TrainingHead) -> [Double] {
        guard let k = kinds.firstIndex(of: head.kind) else { return steps.map { _ in .nan } }
        return scores.map { row in
            let s = row[k].scores
            return head.layer < s.count && head.head < s[head.layer].count ? s[head.layer][head.head] : .nan
        }
    }

    /// The last snapshot's scores of `kind` (its chance level and bar), nil when not scored.
    public func final(_ kind: HeadScoreKind) -> HeadScores? {
        guard let k = kinds.firstIndex(of: kind) else { return nil }
        return scores.last?[k]
    }

    /// Whether `head` clears its kind's bar (``HeadScores/threshold``) at the last snapshot: only
    /// then may it be called a head of that kind.
    public func isNamed(_ head: TrainingHead) -> Bool {
        guard let s = final(head.kind), let last = series(head).last, last.isFinite else { return false }
        return s.clears(last)
    }

    /// The best head of `kind` at the last snapshot, skipping `excluded` heads.
    public func best(_ kind: HeadScoreKind, excluding excluded: [TrainingHead] = []) -> TrainingHead? {
        guard let k = kinds.firstIndex(of: kind), let last = scores.last else { return nil }
        let taken = Set(excluded.map { [$0.layer, $0.head] })
        return last[k].top(Int.max).first { !taken.contains([$0.layer, $0.head]) }
            .map { TrainingHead(layer: $0.layer, head: $0.head, kind: kind) }
    }

    /// The default heads to follow: the best-scoring head on previous-token at the last snapshot,
    /// then the best on induction (a different head) when the probe repeats itself. They are the
    /// best candidates, named a head of the kind only when ``isNamed(_:)``.
    public func defaultHeads() -> [TrainingHead] {
        var chosen: [TrainingHead] = []
        if let p = best(.previousToken) { chosen.append(p) }
        if let i = best(.induction, excluding: chosen) { chosen.append(i) }
        return chosen
    }

    /// The best kind for a head the user named: the kind it stands out most on at the last
    /// snapshot, measured from chance towards 1, (score − chance) / (1 − chance), since the
    /// kinds' chance levels differ.
    public func likeliestKind(layer: Int, head: Int) -> HeadScoreKind {
        guard let last = scores.last else { return .previousToken }
        var best = (kind: HeadScoreKind.previousToken, lift: -Double.infinity)
        for (k, kind) in kinds.enumerated() where kind != .duplicateToken {
            let s = last[k]
            guard s.queries > 0, layer < s.scores.count, head < s.scores[layer].count else { continue }
            let lift = (s.scores[layer][head] - s.chance) / max(1e-9, 1 - s.chance)
            if lift > best.lift { best = (kind, lift) }
        }
        return best.kind
    }
}
