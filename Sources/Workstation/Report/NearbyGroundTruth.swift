// Ground truth that sits beside a library's studies but was never imported: the samples' (and
// any synth cohort's) ground-truth.json. The reading screen draws truth from that file, while
// the report scores reads against the library's; offering the import closes that gap.
import Foundation
import MammoCore
import Store
import Study

public enum NearbyGroundTruth {
    /// The ground-truth file beside the files of a study that has no truth in the library, and
    /// how many such studies the library holds; nil when every study has truth or no file is near.
    public static func locate(in library: Database) throws -> (path: String, studiesWithoutTruth: Int)? {
        let truths = try library.truths()
        let missing = try library.studyInstanceUIDs().filter { truths[$0] == nil }.sorted()
        // The first few are enough: a cohort's studies share one file.
        for uid in missing.prefix(8) {
            let files = try library.images(studyInstanceUID: uid).map(\.path)
            if let path = TruthOverlay.setLocation(coveringFiles: files) { return (path, missing.count) }
        }
        return nil
    }

    /// Imports the file's exams that are in the library (as `mammoterm truth import` does);
    /// returns how many were imported of how many the file holds.
    public static func importFile(_ path: String, into library: Database, at time: Timestamp) throws -> (imported: Int, inFile: Int) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let truths = try GroundTruthFile.read(path: path).studyTruths(fileName: name, importedAt: time)
        let known = try library.studyInstanceUIDs()
        let kept = truths.filter { known.contains($0.studyInstanceUID) }
        try library.saveTruth(kept)
        return (kept.count, truths.count)
    }

    /// The worklist's `T`: import the file found, or say why not.
    public static func importNotice(_ library: Database, at time: Timestamp) -> String {
        do {
            guard let found = try locate(in: library) else {
                return "No ground-truth file beside the studies that lack truth (mammoterm truth import FILE)"
            }
            let done = try importFile(found.path, into: library, at: time)
            return "Imported ground truth for \(done.imported) of \(done.inFile) studies from \(PrintableText.clean(found.path)): the report scores them now"
        } catch {
            return "Could not import ground truth: \(PrintableText.clean(String(describing: error)))"
        }
    }
}
