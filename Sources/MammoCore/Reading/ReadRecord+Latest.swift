// The current decisions among all records: a record revised by a later one is superseded, and of
// several records for one reader, study, protocol and stage the last (highest id) counts.

extension ReadRecord {
    /// What identifies one decision slot: reader x case x protocol x stage.
    public struct Slot: Hashable, Sendable {
        public var reader: String
        public var studyInstanceUID: String
        public var readingProtocol: ReadingProtocol
        public var stage: ReadStage
    }

    public var slot: Slot { Slot(reader: reader, studyInstanceUID: studyInstanceUID, readingProtocol: readingProtocol, stage: stage) }

    /// One record per slot, the current one, in id order; each with how many earlier records of
    /// its slot it replaces.
    public static func latest(_ records: [ReadRecord]) -> [(record: ReadRecord, replaces: Int)] {
        // A revision counts only within its own slot: a row naming another reader's (or stage's)
        // record as revised must not hide that record.
        let slots = Dictionary(records.compactMap { r in r.id.map { ($0, r.slot) } }, uniquingKeysWith: { first, _ in first })
        let revised = Set(records.compactMap { r in r.revises.flatMap { slots[$0] == r.slot ? $0 : nil } })
        var best: [Slot: ReadRecord] = [:]
        var count: [Slot: Int] = [:]
        for record in records {
            count[record.slot, default: 0] += 1
            if let id = record.id, revised.contains(id) { continue }
            if let current = best[record.slot], (current.id ?? 0) > (record.id ?? 0) { continue }
            best[record.slot] = record
        }
        return best.values.sorted { ($0.id ?? 0) < ($1.id ?? 0) }.map { ($0, (count[$0.slot] ?? 1) - 1) }
    }
}
