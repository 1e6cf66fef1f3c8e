// A ground-truth file's exam-level truth, as `truth import` stores it: one StudyTruth per exam,
// its source naming the file and the cohort's seed.
import MammoCore

extension GroundTruthFile {
    /// `fileName` is how the source names the file ("ground-truth.json").
    public func studyTruths(fileName: String, importedAt: Timestamp) -> [StudyTruth] {
        exams.map {
            StudyTruth(studyInstanceUID: $0.studyInstanceUID, cancer: $0.cancer, birads: $0.birads, density: $0.density,
                       source: "synth \(fileName) seed \(seed)", importedAt: importedAt)
        }
    }
}
