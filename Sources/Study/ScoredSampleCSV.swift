// Reads validation scores from CSV: a header row naming the columns `score`, `label` and
// optionally `weight` (any order, any case, other columns ignored), then one exam per row.
//   score  a finite number, higher = more suspicious
//   label  1 = cancer, 0 = not (1.0 / 0.0 accepted, as some tools write integers as floats)
//   weight a finite number >= 0; 1 when the column is absent
// Fields may be double-quoted (RFC 4180, without line breaks inside quotes); blank lines are
// skipped; a UTF-8 byte-order mark and CRLF line ends are accepted. Errors name the 1-based line.
import MammoCore

public enum ScoredSampleCSV {
    public static func read(path: String) throws -> [ScoredSample] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StudyError(context: "CSV", path: path, reason: "cannot read the file (\((error as NSError).localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudyError(context: "CSV", path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String? = nil) throws -> [ScoredSample] {
        func failure(_ line: Int?, _ reason: String) -> StudyError {
            StudyError(context: "CSV", path: path, line: line, reason: reason)
        }
        // "\r\n" is one Character in Swift, so it is a separator of its own, as is a lone "\r".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .enumerated().map { ($0.offset + 1, $0.element) }
        lines.removeAll { $0.1.allSatisfy(\.isWhitespace) }
        guard let (headerLine, headerText) = lines.first else {
            throw failure(nil, "empty file; expected a header such as score,label,weight")
        }
        let header = try fields(String(headerText.drop(while: { $0 == "\u{FEFF}" })), line: headerLine, path: path)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String, required: Bool) throws -> Int? {
            let matches = header.indices.filter { header[$0] == name }
            if matches.count > 1 { throw failure(headerLine, "column '\(name)' appears \(matches.count) times") }
            if matches.isEmpty && required {
                throw failure(headerLine, "no '\(name)' column; the header has \(header.map { "'\(PrintableText.clean($0))'" }.joined(separator: ", ")) and needs score and label (weight optional)")
            }
            return matches.first
        }
        guard let scoreColumn = try column("score", required: true), let labelColumn = try column("label", required: true) else {
            throw failure(headerLine, "no score or label column")
        }
        let weightColumn = try column("weight", required: false)

        var samples: [ScoredSample] = []
        for (line, text) in lines.dropFirst() {
            let row = try fields(String(text), line: line, path: path)
            guard row.count == header.count else {
                throw failure(line, "\(row.count) fields where the header has \(header.count)")
            }
            func number(_ column: Int, _ name: String) throws -> Double {
                let field = row[column].trimmingCharacters(in: .whitespaces)
                guard let value = Double(field), value.isFinite else {
                    throw failure(line, "\(name) '\(PrintableText.clean(field))' is not a finite number")
                }
                return value
            }
            let score = try number(scoreColumn, "score")
            let labelField = row[labelColumn].trimmingCharacters(in: .whitespaces)
            guard let label = Double(labelField), label == 0 || label == 1 else {
                throw failure(line, "label '\(PrintableText.clean(labelField))' must be 1 (cancer) or 0 (not cancer)")
            }
            let weight = try weightColumn.map { try number($0, "weight") } ?? 1
            guard weight >= 0 else { throw failure(line, "weight \(weight) is negative") }
            samples.append(ScoredSample(score: score, isCancer: label == 1, weight: weight))
        }
        guard !samples.isEmpty else { throw failure(headerLine, "a header but no rows") }
        return samples
    }

    /// Splits one line at commas outside double quotes; "" inside quotes is one quote.
    static func fields(_ line: String, line number: Int, path: String?) throws -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        if inQuotes { throw StudyError(context: "CSV", path: path, line: number, reason: "a quoted field is not closed") }
        fields.append(field)
        return fields
    }
}
