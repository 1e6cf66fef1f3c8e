// Ratings of a fully crossed multi-reader multi-case study: every reader rates every case in
// every modality. Read from the long CSV layout RJafroc exports (header `reader,modality,case,
// truth,rating`, columns in any order, one row per reader × modality × case; truth 1 = diseased,
// 0 = not; rating a finite number, higher = more suspicious). Modalities and readers keep their
// order of first appearance. Errors name the file and line.
import MammoCore

public struct MRMCRatings: Sendable {
    public var modalities: [String]
    public var readers: [String]
    /// Case identifiers, the diseased ones first (then the rest, each group in first-seen order).
    public var cases: [String]
    /// How many of `cases` (from the start) are diseased.
    public var diseasedCount: Int
    /// rating[modality][reader][case], indices into the arrays above.
    public var rating: [[[Double]]]

    public var normalCount: Int { cases.count - diseasedCount }

    public static func read(path: String) throws -> MRMCRatings {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StudyError(context: "MRMC ratings", path: path, reason: "cannot read the file (\((error as NSError).localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudyError(context: "MRMC ratings", path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// One rating row, for building ratings in code (the library's decisions).
    public struct Row: Sendable {
        public var reader, modality, caseID: String
        public var truth: Bool
        public var rating: Double
        public init(reader: String, modality: String, caseID: String, truth: Bool, rating: Double) {
            self.reader = reader; self.modality = modality; self.caseID = caseID; self.truth = truth; self.rating = rating
        }
    }

    public static func parse(_ text: String, path: String? = nil) throws -> MRMCRatings {
        func failure(_ line: Int?, _ reason: String) -> StudyError { StudyError(context: "MRMC ratings", path: path, line: line, reason: reason) }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .enumerated().map { ($0.offset + 1, $0.element) }
        lines.removeAll { $0.1.allSatisfy(\.isWhitespace) }
        guard let (headerLine, headerText) = lines.first else { throw failure(nil, "empty file; expected reader,modality,case,truth,rating") }
        let header = try ScoredSampleCSV.fields(String(headerText.drop(while: { $0 == "\u{FEFF}" })), line: headerLine, path: path)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns: [String: Int] = [:]
        for name in ["reader", "modality", "case", "truth", "rating"] {
            // RJafroc says "modality"; MRMCaov's data says "treatment": both are accepted.
            let aliases = name == "modality" ? ["modality", "treatment"] : [name]
            guard let index = header.firstIndex(where: aliases.contains) else {
                throw failure(headerLine, "no '\(name)' column; the header must name reader, modality, case, truth and rating")
            }
            columns[name] = index
        }
        var rows: [Row] = []
        for (number, line) in lines.dropFirst() {
            let fields = try ScoredSampleCSV.fields(String(line), line: number, path: path).map { $0.trimmingCharacters(in: .whitespaces) }
            func field(_ name: String) throws -> String {
                guard let index = columns[name], fields.indices.contains(index) else { throw failure(number, "missing the \(name) field") }
                return fields[index]
            }
            let truthText = try field("truth")
            guard let truthValue = Double(truthText), truthValue == 0 || truthValue == 1 else {
                throw failure(number, "truth '\(PrintableText.clean(truthText))' is not 0 or 1")
            }
            let ratingText = try field("rating")
            guard let rating = Double(ratingText), rating.isFinite else {
                throw failure(number, "rating '\(PrintableText.clean(ratingText))' is not a finite number")
            }
            rows.append(Row(reader: try field("reader"), modality: try field("modality"), caseID: try field("case"),
                            truth: truthValue == 1, rating: rating))
        }
        do {
            return try MRMCRatings(rows: rows)
        } catch let error as StudyError {
            throw StudyError(context: error.context, path: path, line: error.line, reason: error.reason)
        }
    }

    /// Ratings from rows; refuses a design that is not fully crossed, a case whose truth differs
    /// between rows, a duplicate row, fewer than 2 modalities or readers, or no diseased or no normal case.
    public init(rows: [Row]) throws {
        func failure(_ reason: String) -> StudyError { StudyError(context: "MRMC ratings", reason: reason) }
        var modalities: [String] = [], readers: [String] = [], caseOrder: [String] = []
        var truthOf: [String: Bool] = [:]
        var value: [String: Double] = [:]
        for row in rows {
            if !modalities.contains(row.modality) { modalities.append(row.modality) }
            if !readers.contains(row.reader) { readers.append(row.reader) }
            if let known = truthOf[row.caseID] {
                guard known == row.truth else { throw failure("case \(PrintableText.clean(row.caseID)) has truth 1 in one row and 0 in another") }
            } else {
                truthOf[row.caseID] = row.truth
                caseOrder.append(row.caseID)
            }
            let key = "\(row.modality)\u{1F}\(row.reader)\u{1F}\(row.caseID)"
            guard value[key] == nil else {
                throw failure("reader \(PrintableText.clean(row.reader)) rates case \(PrintableText.clean(row.caseID)) twice in modality \(PrintableText.clean(row.modality))")
            }
            value[key] = row.rating
        }
        guard modalities.count >= 2 else { throw failure("an MRMC comparison needs at least 2 modalities; found \(modalities.count)") }
        guard readers.count >= 2 else { throw failure("an MRMC analysis needs at least 2 readers; found \(readers.count)") }
        let diseased = caseOrder.filter { truthOf[$0] == true }, normal = caseOrder.filter { truthOf[$0] == false }
        guard !diseased.isEmpty, !normal.isEmpty else { throw failure("needs diseased (truth 1) and normal (truth 0) cases") }
        let cases = diseased + normal
        var rating: [[[Double]]] = []
        for modality in modalities {
            var perReader: [[Double]] = []
            for reader in readers {
                var perCase: [Double] = []
                for caseID in cases {
                    guard let v = value["\(modality)\u{1F}\(reader)\u{1F}\(caseID)"] else {
                        throw failure("not fully crossed: reader \(PrintableText.clean(reader)) has no rating of case \(PrintableText.clean(caseID)) in modality \(PrintableText.clean(modality))")
                    }
                    perCase.append(v)
                }
                perReader.append(perCase)
            }
            rating.append(perReader)
        }
        self.modalities = modalities
        self.readers = readers
        self.cases = cases
        self.diseasedCount = diseased.count
        self.rating = rating
    }
}
