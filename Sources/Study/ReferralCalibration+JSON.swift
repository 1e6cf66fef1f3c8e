// The calibration JSON contract (issue 6): {"nt": {"0.97": t, ...}, "sn": {"0.98": t, ...}},
// keys as the targets were written, values the thresholds (scores from the data). Scripts read
// it: add fields beside "nt" and "sn" if ever needed, never rename these.
import MammoCore

extension ReferralCalibration {
    private struct Contract: Codable {
        var nt: [String: Double]
        var sn: [String: Double]
    }

    public func contractJSON() throws -> String {
        let contract = Contract(
            nt: Dictionary(normalTriage.map { ($0.target.label, $0.threshold) }, uniquingKeysWith: { first, _ in first }),
            sn: Dictionary(safetyNet.map { ($0.target.label, $0.threshold) }, uniquingKeysWith: { first, _ in first }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(contract), as: UTF8.self)
    }
}
