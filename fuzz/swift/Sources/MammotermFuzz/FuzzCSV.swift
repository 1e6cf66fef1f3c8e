// Fuzz target `csv`: the CSV importers on the same text: VinDr findings (VinDrFindingsCSV),
// CBIS-DDSM case descriptions (CBISDDSMCaseCSV), ground truth (TruthCSV) and scored samples
// (ScoredSampleCSV), against the same small library as the JSON target.
import MammoCore
import Study

enum FuzzCSV {
    static func run(_ text: String) {
        if let read = try? VinDrFindingsCSV.parse(text, path: "findings.csv", images: FuzzJSON.index, annotator: "vindr", importedAt: "2026-01-01T00:00:00Z") {
            FuzzJSON.check(read)
        }
        if let (cases, problems) = try? CBISDDSMCaseCSV.parse(text, path: "mass.csv") {
            for item in cases {
                if let image = FuzzJSON.index.images.first {
                    _ = item.annotation(on: image, box: item.box ?? PixelBox(x: 0, y: 0, width: 1, height: 1), annotator: "cbis", importedAt: "2026-01-01T00:00:00Z")
                }
            }
            _ = problems.map(\.description)
        }
        if let truths = try? TruthCSV.parse(text, path: "truth.csv", source: "fuzz", importedAt: "2026-01-01T00:00:00Z") {
            for truth in truths where truth.studyInstanceUID.isEmpty { fatalError("a truth row without a study") }
        }
        _ = try? ScoredSampleCSV.parse(text, path: "scores.csv")
    }
}
