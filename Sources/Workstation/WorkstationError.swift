// The one error type of the Workstation module: which file, which key and line, what is wrong.
import MammoCore

public struct WorkstationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String?
    public var key: String?
    public var line: Int?
    public var reason: String

    public init(path: String? = nil, key: String? = nil, line: Int? = nil, reason: String) {
        self.path = path; self.key = key; self.line = line; self.reason = reason
    }

    /// "themes/x.toml:12: overlay.opacity: must be between 0 and 1"
    public var description: String {
        var where_ = path.map(PrintableText.clean) ?? ""
        if let line { where_ += (where_.isEmpty ? "line " : ":") + String(line) }
        let key = self.key.map { "\($0): " } ?? ""
        return where_.isEmpty ? key + reason : "\(where_): \(key)\(reason)"
    }
}
