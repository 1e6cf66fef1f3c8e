// TEMPORARY (monitor-screen branch): a stand-in so the workstation builds before the lead's
// MonitorOverview.compute(library:) lands; the lead replaces this whole file on merge.
import Store

extension MonitorOverview {
    /// The monitor's overview of `library` (slow: run it off the UI loop). TEMPORARY body.
    public static func compute(library: Database) -> Result<MonitorOverview, WorkstationError> {
        .failure(WorkstationError(reason: "the monitor is not built yet"))
    }
}
