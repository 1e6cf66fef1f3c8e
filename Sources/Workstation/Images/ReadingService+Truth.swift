// The reading screen's ground truth: the set covering a study, located and read once per study
// (a set's file parsed once for all its studies), and each view's truth map made once when the
// truth overlay first shows it. A set that is there but broken is a named problem of the study.
import Foundation
import MammoCore
import Study

extension ReadingService {
    /// The ground-truth set covering the study whose screening files are `files`; nil when none does.
    public func truthSet(forStudy studyUID: String, files: [ViewKey: String]) throws(StudyError) -> LesionTruthSet? {
        let located: String?
        if let known = truthPaths.value[studyUID] {
            located = known
        } else {
            located = TruthOverlay.setLocation(coveringFiles: files.values)
            truthPaths.update { $0[studyUID] = .some(located) }
        }
        guard let path = located else { return nil }
        if let parsed = truthFiles.value[path] { return try parsed.get() }
        let parsed = Result { () throws(StudyError) in try LesionTruthSet.read(path: path) }
        truthFiles.update { $0[path] = parsed }
        return try parsed.get()
    }

    /// One view's truth ready to draw, from the set covering its study; nil when the set does not hold the image.
    func truthOverlay(for view: ViewOverview, in set: LesionTruthSet?) -> TruthOverlay? {
        guard let set else { return nil }
        let name = set.path + "|" + view.sopInstanceUID
        if let hit = truthViews.value(for: name) { return hit }
        guard let overlay = TruthOverlay(for: view, in: set) else { return nil }
        truthViews.insert(overlay, bytes: overlay.bytes, for: name)
        return overlay
    }
}
