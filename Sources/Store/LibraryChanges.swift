// What one write batch touched, so the follow-up work (pruning, prior links) stays local to it.

struct LibraryChanges {
    /// Patients whose studies were added, moved, re-dated or removed: their prior links are redone.
    var patients: Set<Int64> = []
    /// Set when a row moved to another parent or an image was replaced, which can leave a
    /// series, study or patient without children.
    var needsPruning = false
}
