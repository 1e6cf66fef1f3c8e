// Where the two backends' SQL differs, spelled once per dialect.

enum SQLDialect: Sendable {
    case sqlite, postgres

    /// `group_concat(DISTINCT x)` / `string_agg(DISTINCT x, ',')`: comma-separated distinct values.
    func distinctList(_ expression: String) -> String {
        switch self {
        case .sqlite: "group_concat(DISTINCT \(expression))"
        case .postgres: "string_agg(DISTINCT \(expression), ',')"
        }
    }
}
