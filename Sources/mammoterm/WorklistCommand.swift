// `mammoterm worklist`: the library's studies, newest first, as an aligned table, JSON or CSV.
// The JSON field names are a contract (studyInstanceUID, patientID, studyDate, views,
// imageCount, hasPrior): scripts and other tools read them.
import ArgumentParser
import Foundation
import MammoCore
import Store

struct WorklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worklist",
        abstract: "List the library's studies, newest first.",
        discussion: "Shows patient names: this is the reading list, not a log.")

    enum Format: String, EnumerableFlag {
        case table, json, csv

        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .table: "An aligned plain-text table."
            case .json: "A JSON array of objects (stable field names)."
            case .csv: "CSV with a header row."
            }
        }
    }

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(exclusivity: .exclusive)
    var format: Format = .table

    @Option(help: "At most this many studies (a page of the worklist's order).") var limit: Int?
    @Option(help: "Skip this many studies first (with --limit: the next page).") var offset = 0

    @Flag(help: "Also list studies archives answered `pacs query` with that are not retrieved yet (where = the archive's name).")
    var remote = false

    func run() throws {
        // Reading an absent library must not create one as a side effect of a typo.
        var entries: [WorklistEntry] = []
        if libraryOptions.exists {
            let database = try libraryOptions.open()
            entries = try database.worklist(limit: limit, offset: offset)
            if remote { entries += try database.remoteStudies().map(WorklistEntry.init(remote:)) }
            entries = entries.map(Self.cleaned)
        }
        let text = switch format {
        case .table: Self.table(entries, library: libraryOptions.path)
        case .json: try Self.json(entries)
        case .csv: Self.csv(entries)
        }
        // Unicode scalars: "\r\n" is one Character, so `hasSuffix("\n")` misses CSV's line end.
        print(text, terminator: text.unicodeScalars.last == "\n" ? "" : "\n")
    }

    /// All text in the library came from files: clean it again where it reaches the terminal.
    static func cleaned(_ entry: WorklistEntry) -> WorklistEntry {
        var entry = entry
        entry.studyInstanceUID = PrintableText.clean(entry.studyInstanceUID)
        entry.patientID = PrintableText.clean(entry.patientID)
        entry.patientName = PrintableText.clean(entry.patientName)
        entry.studyDate = PrintableText.clean(entry.studyDate)
        entry.studyTime = PrintableText.clean(entry.studyTime)
        entry.studyDescription = PrintableText.clean(entry.studyDescription)
        entry.accessionNumber = PrintableText.clean(entry.accessionNumber)
        entry.priorStudyInstanceUID = entry.priorStudyInstanceUID.map(PrintableText.clean)
        entry.location = PrintableText.clean(entry.location)
        return entry
    }

    // MARK: - Table

    static func table(_ entries: [WorklistEntry], library: String) -> String {
        guard !entries.isEmpty else {
            return "No studies in the library at \(PrintableText.clean(library)).\n"
                + "Add some with: mammoterm import FOLDER   (or make a demo set with: mammoterm synth)"
        }
        let showsWhere = entries.contains(where: \.isRemote)
        let header = ["PATIENT ID", "NAME", "DATE", "VIEWS", "IMAGES", "PRIOR", "AI", "STUDY UID"] + (showsWhere ? ["WHERE"] : [])
        let rows = entries.map { entry in
            [
                fitted(entry.patientID, 20),
                fitted(entry.patientName, 28),
                entry.formattedStudyDate.isEmpty ? "-" : entry.formattedStudyDate,
                entry.views.isEmpty ? "-" : entry.views.map(\.label).joined(separator: " "),
                String(entry.imageCount),
                entry.hasPrior ? "yes" : "no",
                entry.ai.map(AISummary.shortLabel) ?? "-",
                shortUID(entry.studyInstanceUID),
            ] + (showsWhere ? [entry.location] : [])
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { displayWidth($0[column]) }.max() ?? 0
        }
        let rightAligned: Set<Int> = [4]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - displayWidth(cell))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let footer = "\(entries.count) \(entries.count == 1 ? "study" : "studies")"
        return ([line(header)] + rows.map(line) + [footer]).joined(separator: "\n")
    }

    /// The tail of a long UID (where UIDs differ) behind an ellipsis; full UIDs are in --json/--csv.
    static func shortUID(_ uid: String, keep: Int = 20) -> String {
        uid.count <= keep + 1 ? uid : "…" + uid.suffix(keep)
    }

    static func fitted(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text.isEmpty ? "-" : text }
        var out = ""
        for character in text {
            if displayWidth(out) + displayWidth(String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }

    /// Terminal columns a string takes: East Asian wide and fullwidth characters take two,
    /// combining marks none. Enough for names; not a full wcwidth.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
                return width
            }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    // MARK: - JSON and CSV

    static func json(_ entries: [WorklistEntry]) throws -> String {
        // JSONEncoder pretty-prints an empty array over three lines.
        if entries.isEmpty { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    /// RFC 4180: a field with a comma, quote, CR or LF (or edge spaces) is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ")
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let csvColumns = [
        "studyInstanceUID", "patientID", "patientName", "studyDate", "studyTime", "studyDescription",
        "accessionNumber", "views", "imageCount", "hasPrior", "priorStudyInstanceUID", "aiScore", "aiConfidence", "aiModel", "where",
    ]

    /// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; views are
    /// space-separated inside one field.
    static func csv(_ entries: [WorklistEntry]) -> String {
        let field = csvField
        let rows = entries.map { e in
            [
                e.studyInstanceUID, e.patientID, e.patientName, e.studyDate, e.studyTime, e.studyDescription,
                e.accessionNumber, e.views.map(\.label).joined(separator: " "), String(e.imageCount), e.hasPrior ? "true" : "false",
                e.priorStudyInstanceUID ?? "",
                e.ai.map { String($0.score) } ?? "", e.ai?.confidence.map { String($0) } ?? "", e.ai?.model ?? "", e.location,
            ].map(field).joined(separator: ",")
        }
        return ([csvColumns.joined(separator: ",")] + rows).map { $0 + "\r\n" }.joined()
    }
}
