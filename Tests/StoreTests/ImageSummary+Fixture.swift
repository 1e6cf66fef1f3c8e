// Hand-built image summaries for Store tests: one screening exam's four views, or one view.
import MammoCore

extension ImageSummary {
    /// One view of a study; UIDs derive from the study so the four views of an exam share them.
    static func fixture(
        patient: String = "P001", name: String = "DOE^JANE", study: String = "1.2.826.0.1.1",
        date: String = "20240105", time: String = "101500", view: ViewKey = .rightCC,
        folder: String = "/nowhere/fixtures", size: Int64 = 1000, modified: Double = 1_700_000_000
    ) -> ImageSummary {
        ImageSummary(
            path: "\(folder)/\(study)/\(view.label).dcm", fileSize: size, fileModified: modified,
            sopInstanceUID: "\(study).\(ViewKey.screening.firstIndex(of: view).map { $0 + 1 } ?? 9)",
            sopClassUID: "1.2.840.10008.5.1.4.1.1.1.2",
            seriesInstanceUID: "\(study).100", studyInstanceUID: study,
            patientID: patient, patientName: PrintableText.personName(name), patientBirthDate: "19600101",
            studyDate: date, studyTime: time, studyDescription: "Screening", accessionNumber: "A\(study.suffix(2))",
            seriesDescription: "MG", seriesNumber: 1, instanceNumber: 1, modality: "MG",
            rows: 4096, columns: 3328, side: view.side, view: view.view,
            presentationIntent: .forPresentation, implantPresent: false
        )
    }

    /// The four screening views of one exam.
    static func exam(
        patient: String = "P001", study: String = "1.2.826.0.1.1", date: String = "20240105",
        time: String = "101500", views: [ViewKey] = ViewKey.screening, folder: String = "/nowhere/fixtures"
    ) -> [ImageSummary] {
        views.map { fixture(patient: patient, study: study, date: date, time: time, view: $0, folder: folder) }
    }
}
