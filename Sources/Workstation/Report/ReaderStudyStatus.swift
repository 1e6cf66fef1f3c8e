// Reader studies' progress as this connection may see it, for `mammoterm study status` and the
// workstation's report screen (R): every reader for the administrator or a SQLite library; a
// reader's role on a shared library sees its own row only (its decisions are all it can read).
import MammoCore
import Store
import Study

public enum ReaderStudyStatus {
    /// The progress of study `name`; nil when the library has no such study.
    public static func progress(of name: String, in library: Database, now: Timestamp) throws -> ReaderStudyProgress? {
        guard let json = try library.readerStudy(name: name) else { return nil }
        var design = try ReaderStudyDesign(json: json)
        if let role = library.role, try !library.isAdministrator() { design.readers = design.readers.filter { $0 == role } }
        return ReaderStudyProgress(plan: try ReaderStudyPlan(design), reads: try library.reads(), now: now)
    }

    /// Each study's status table, one after another; empty when the library has no study.
    public static func lines(_ library: Database, now: Timestamp) throws -> [String] {
        var lines: [String] = []
        for name in try library.readerStudyNames() {
            guard let progress = try progress(of: name, in: library, now: now) else { continue }
            lines += progress.table().components(separatedBy: "\n").filter { !$0.isEmpty }.map(PrintableText.keepingSpaces)
            lines.append("")
        }
        return lines
    }
}
