// DICOM dates as the screens print them.
import Store

extension WorklistEntry {
    /// "YYYY-MM-DD" for a DICOM date, else the text as it is.
    public static func formatDate(_ date: String) -> String {
        let d = Array(date)
        guard d.count == 8 else { return date }
        return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
    }
}
