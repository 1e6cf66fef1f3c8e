// A sensitivity or specificity target for decision referral (0.95, 0.97, ...), kept with the
// text it was given as, because reports and the calibration JSON key thresholds by that text.
import MammoCore

public struct ReferralTarget: Sendable, Hashable, Codable {
    public var value: Double
    /// How the target was written ("0.95"); the key in JSON output.
    public var label: String

    public init(_ value: Double, label: String? = nil) {
        self.value = value
        self.label = label ?? "\(value)"
    }

    /// The grid of Leibig et al. and DOMAIN.md.
    public static let standardGrid: [ReferralTarget] = ["0.95", "0.97", "0.98", "0.99"].map { ReferralTarget(Double($0)!, label: $0) }

    /// Parses "0.95,0.97,0.98,0.99": each in (0, 1], no value twice (two labels for one value,
    /// such as "0.95" and "0.950", would make ambiguous JSON keys).
    public static func list(_ text: String) throws -> [ReferralTarget] {
        var targets: [ReferralTarget] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let label = part.trimmingCharacters(in: .whitespaces)
            guard let value = Double(label), value.isFinite else {
                throw StudyError(context: "targets", reason: "'\(PrintableText.clean(label))' is not a number; give targets like 0.95,0.97,0.98,0.99")
            }
            try validate(value, context: "targets")
            if let same = targets.first(where: { $0.value == value }) {
                throw StudyError(context: "targets", reason: "'\(label)' repeats '\(same.label)'")
            }
            targets.append(ReferralTarget(value, label: label))
        }
        return targets
    }

    /// Targets are fractions of cases to keep: above 0 (0 would ask for nothing) and at most 1.
    static func validate(_ value: Double, context: String) throws {
        guard value > 0, value <= 1 else {
            throw StudyError(context: context, reason: "target \(value) is outside (0, 1]; give a fraction such as 0.97")
        }
    }
}
