// Synthetic worklist rows for the demo, computed from the row number so 100k rows cost nothing.
import MammoCore

struct DemoRows: Equatable, Sendable {
    static let columns = [
        "#", "Patient", "Study date", "BI-RADS", "AI score",
    ]
    let count: Int

    func cell(_ row: Int, _ column: Int) -> String {
        switch column {
        case 0: return String(row + 1)
        case 1: return Self.patientID(row)
        case 2:
            let day = row % 28 + 1, month = row / 28 % 12 + 1
            return "2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        case 3: return ["1", "2", "3", "4A", "4B", "5"][(row * 7 + 3) % 6]
        default:
            let hundredths = (row * 37) % 100
            return "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
        }
    }

    static func patientID(_ row: Int) -> String {
        let digits = String(row + 1)
        return "MT-" + String(repeating: "0", count: max(6 - digits.count, 0)) + digits
    }

    /// The score as a colour from green (low) to red (high): a swatch with a 24-bit background.
    static func scoreColour(_ score: Double) -> RGBColor {
        let s = min(max(score, 0), 1)
        return RGBColor(r: UInt8(40 + 200 * s), g: UInt8(200 - 160 * s), b: 40)
    }
}
