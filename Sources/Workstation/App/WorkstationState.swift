// Everything the workstation shows, in one value: which screen, the worklist, the study being
// read, whether help is open, and the session's fixed settings. Draw functions read only this.
import TUI

public struct WorkstationState: Equatable, Sendable {
    public enum Screen: Hashable, Sendable { case worklist, reading, report, monitor }

    public var size: Size
    public var screen: Screen = .worklist
    public var worklist: WorklistState
    public var reading: ReadingState?
    public var report: ReportState?
    public var monitor: MonitorScreenState?
    public var showsHelp = false
    /// One line for the status bar (what just happened, or what went wrong).
    public var message = ""
    public var settings: WorkstationSettings
    public var isFinished = false

    public init(size: Size, worklist: WorklistState, settings: WorkstationSettings) {
        self.size = size
        self.worklist = worklist
        self.settings = settings
    }
}
