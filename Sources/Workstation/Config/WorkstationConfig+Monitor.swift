// config.toml's `[monitor]` table: the alarm settings of `mammoterm monitor` (and the M screen).
//
//   [monitor]
//   false_alarm_rate = 0.05     # chance that a stable stratum-window crosses any limit (0.0001–0.5)
//   bootstrap_resamples = 500   # resamples behind each alarm limit (100–20000)
//   minimum_exams = 3           # windows with fewer exams show figures but raise no drift alarm
//   ewma_lambda = 0.2           # weight of the newest window in the control charts (0.01–1)
//   alarm_persistence = 2       # consecutive windows a limit must be crossed in before it alarms (1–12)
//   window = "week"             # week | month
//   reference = "validation"    # validation (the model's, bundled beside it) | YYYYMMDD..YYYYMMDD | a file
//   seed = 1                    # the bootstrap's seed: the same library gives the same limits
//
// Every key is checked with its line, as the top-level keys are; flags win over these.
import MammoCore
import TOMLKit

public struct MonitorSettings: Equatable, Sendable {
    public var falseAlarmRate: Double?
    public var bootstrapResamples: Int?
    public var minimumExams: Int?
    public var ewmaLambda: Double?
    public var alarmPersistence: Int?
    public var window: String?
    public var reference: String?
    public var seed: UInt64?

    public init() {}
}

extension WorkstationConfig {
    static let monitorKeys = ["false_alarm_rate", "bootstrap_resamples", "minimum_exams", "ewma_lambda", "alarm_persistence", "window", "reference", "seed"]

    static func parseMonitor(_ value: any TOMLValueConvertible, text: String, path: String) throws(WorkstationError) -> MonitorSettings {
        func fail(_ key: String, _ reason: String) -> WorkstationError {
            WorkstationError(path: path, key: "monitor.\(key)", line: line(of: key, in: text) ?? line(of: "monitor", in: text), reason: reason)
        }
        guard let table = value.table else {
            throw WorkstationError(path: path, key: "monitor", line: line(of: "monitor", in: text), reason: "must be a [monitor] table")
        }
        for key in table.keys where !monitorKeys.contains(key) {
            throw fail(key, "unknown key; [monitor] takes \(monitorKeys.joined(separator: ", "))")
        }
        func number(_ key: String, _ range: ClosedRange<Double>) throws(WorkstationError) -> Double? {
            guard let value = table[key] else { return nil }
            guard let x = value.double ?? value.int.map(Double.init), range.contains(x) else {
                throw fail(key, "must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return x
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(WorkstationError) -> Int? {
            guard let value = table[key] else { return nil }
            guard let n = value.int, range.contains(n) else { throw fail(key, "must be an integer from \(range.lowerBound) to \(range.upperBound)") }
            return n
        }
        var settings = MonitorSettings()
        settings.falseAlarmRate = try number("false_alarm_rate", 0.0001...0.5)
        settings.bootstrapResamples = try integer("bootstrap_resamples", 100...20000)
        settings.minimumExams = try integer("minimum_exams", 1...100_000)
        settings.ewmaLambda = try number("ewma_lambda", 0.01...1)
        settings.alarmPersistence = try integer("alarm_persistence", 1...12)
        settings.seed = try integer("seed", 0...Int.max).map { UInt64($0) }
        if let value = table["window"] {
            guard let window = value.string, ["week", "month"].contains(window) else { throw fail("window", "must be \"week\" or \"month\"") }
            settings.window = window
        }
        if let value = table["reference"] {
            guard let reference = value.string, !reference.isEmpty, PrintableText.clean(reference) == reference else {
                throw fail("reference", "must be \"validation\", a period YYYYMMDD..YYYYMMDD or a reference file")
            }
            settings.reference = reference
        }
        return settings
    }
}
