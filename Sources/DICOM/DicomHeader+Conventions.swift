// Dataset conventions that break the DICOM model and how the library regroups them.
// CBIS-DDSM gives every image its own patient ID ("Mass-Test_P_00173_LEFT_CC") and its own
// Study Instance UID; a reader wants one patient (P_00173) with one four-view exam.
import MammoCore

extension DicomHeader {
    /// The patient and exam an image belongs to, after dataset conventions are undone.
    public var examGrouping: (patientID: String, patientName: String, studyInstanceUID: String, convention: String?) {
        if let cbis = Self.cbisDDSMPatient(patientID) {
            // One exam per patient and study date; the UID is derived so re-imports agree.
            // The name repeats the per-image ID there, so it becomes the patient's too.
            let exam = DicomUID.derived(from: "CBIS-DDSM exam \(cbis) \(studyDate)")
            let name = Self.cbisDDSMPatient(patientName) ?? patientName
            return (cbis, name, exam, "CBIS-DDSM")
        }
        return (patientID, patientName, studyInstanceUID, nil)
    }

    /// "Mass-Test_P_00173_LEFT_CC" → "P_00173"; nil for IDs not in that form.
    static func cbisDDSMPatient(_ id: String) -> String? {
        let parts = id.split(separator: "_").map(String.init)
        guard parts.count >= 5,
              let kind = parts.first, kind.hasPrefix("Mass-") || kind.hasPrefix("Calc-"),
              parts[1] == "P", Int(parts[2]) != nil,
              ["LEFT", "RIGHT"].contains(parts[3].uppercased()),
              ViewPosition(rawValue: parts[4].uppercased()) != nil else { return nil }
        return "P_" + parts[2]
    }
}
