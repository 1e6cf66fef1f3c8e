// Ground truth from a CSV (`mammoterm truth import FILE.csv`): a header naming the columns, in any
// order: studyInstanceUID and cancer (1/0, also true/false, yes/no) required; birads ("4A",
// "BI-RADS 4A") and density ("C", "DENSITY C") optional, empty when unknown.
import MammoCore

public enum TruthCSV {
    public static func parse(_ text: String, path: String? = nil, source: String, importedAt: Timestamp) throws -> [StudyTruth] {
        func failure(_ line: Int?, _ reason: String) -> StudyError { StudyError(context: "ground truth CSV", path: path, line: line, reason: reason) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard let headerIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw failure(nil, "the file is empty")
        }
        let header = try ScoredSampleCSV.fields(String(lines[headerIndex].drop(while: { $0 == "\u{FEFF}" })), line: headerIndex + 1, path: path)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) -> Int? { header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame } }
        guard let uidColumn = column("studyInstanceUID") else { throw failure(headerIndex + 1, "no studyInstanceUID column in the header") }
        guard let cancerColumn = column("cancer") else { throw failure(headerIndex + 1, "no cancer column in the header") }
        let biradsColumn = column("birads"), densityColumn = column("density")
        var out: [StudyTruth] = []
        for index in lines.indices where index > headerIndex {
            let lineText = String(lines[index])
            if lineText.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let row = try ScoredSampleCSV.fields(lineText, line: index + 1, path: path).map { $0.trimmingCharacters(in: .whitespaces) }
            func field(_ c: Int?) -> String { c.flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            let uid = field(uidColumn)
            guard !uid.isEmpty else { throw failure(index + 1, "empty studyInstanceUID") }
            let cancer: Bool
            switch field(cancerColumn).lowercased() {
            case "1", "true", "yes": cancer = true
            case "0", "false", "no": cancer = false
            case let other: throw failure(index + 1, "cancer is \"\(PrintableText.clean(other))\"; expected 1 or 0")
            }
            var birads: BIRADS? = nil
            let biradsText = field(biradsColumn)
            if !biradsText.isEmpty {
                guard let b = BIRADS(text: biradsText) else { throw failure(index + 1, "birads \"\(PrintableText.clean(biradsText))\" is not 0-6 (4A/4B/4C)") }
                birads = b
            }
            var density: BreastDensity? = nil
            let densityText = field(densityColumn).uppercased().replacingOccurrences(of: "DENSITY", with: "").trimmingCharacters(in: .whitespaces)
            if !densityText.isEmpty {
                guard let d = BreastDensity(rawValue: densityText) else { throw failure(index + 1, "density \"\(PrintableText.clean(densityText))\" is not A-D") }
                density = d
            }
            out.append(StudyTruth(studyInstanceUID: uid, cancer: cancer, birads: birads, density: density, source: source, importedAt: importedAt))
        }
        return out
    }
}
