// The one way a TOML file of ours (theme, config.toml, readers.toml) is parsed: the preflight's
// check first (toml++ aborts on some inputs), then TOMLKit, every failure a WorkstationError with
// the file and, where known, the line.
import TOMLKit

extension TOMLPreflight {
    static func table(_ text: String, path: String) throws(WorkstationError) -> TOMLTable {
        if let problem = problem(in: text) {
            throw WorkstationError(path: path, line: problem.line, reason: problem.reason)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw WorkstationError(path: path, line: error.source.begin.line, reason: error.description)
        } catch {
            throw WorkstationError(path: path, reason: "not valid TOML: \(error)")
        }
    }
}
