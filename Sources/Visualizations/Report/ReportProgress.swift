/// How far a report has got, for a progress bar: `completed` of `total` steps, and what is
/// being done now.
public struct ReportProgress: Sendable, Equatable {
    /// Steps finished.
    public var completed: Int
    /// All steps (one per figure, plus the tensors, the summary and the page).
    public var total: Int
    /// What the current step makes, e.g. `attention.L3.heads`.
    public var label: String

    /// A progress report.
    public init(completed: Int, total: Int, label: String) {
        self.completed = completed
        self.total = total
        self.label = label
    }
}
