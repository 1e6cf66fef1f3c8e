// Which studies the worklist shows: `f` cycles through these; `/` search narrows further.

public enum WorklistFilter: String, CaseIterable, Hashable, Sendable {
    case all, unread, read, flagged
    case withPrior = "with prior"
    /// Studies in this library / studies an archive holds that are not retrieved yet.
    case local, remote

    public var next: WorklistFilter {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
