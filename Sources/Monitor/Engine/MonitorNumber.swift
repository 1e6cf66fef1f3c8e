// Numbers as the report writes them: nil for anything not finite (JSON null, never NaN), short text.
import Foundation

enum MonitorNumber {
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// Four significant digits, "-" when missing.
    static func text(_ value: Double?) -> String {
        guard let value = finite(value) else { return "-" }
        if value == 0 { return "0" }
        return String(format: "%.4g", value)
    }
}
