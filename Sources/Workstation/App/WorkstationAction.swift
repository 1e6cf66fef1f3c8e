// What changes the workstation's state: input, and the results of work done off the UI loop.
import MammoCore
import Store
import Study
import TUI

public enum WorkstationAction: Sendable {
    case event(Event)
    /// Opening a study finished.
    case studyLoaded(StudyDetails)
    case studyFailed(studyUID: String, reason: String)
    /// A picture was made (maybe for an older state: the reducer decides what to keep).
    case pictureReady(RenderedPicture)
    /// A decision's rows are in the library: the protocol moves on.
    case decisionRecorded(studyUID: String, flow: ProtocolFlow, rows: Int, next: ProtocolFlow.Next)
    /// The rows are in the library but the chain anchor could not be moved on (a warning).
    case anchorWarning(String)
    /// Whether decisions can be written to the library now (checked off the loop when a study
    /// opens and when decision entry starts): nil when they can, else why not.
    case writability(studyUID: String, problem: String?)
    /// A submitted decision could not be written: the form comes back with it and the reason.
    case decisionNotRecorded(studyUID: String, reason: String)
    /// The report screen's text is ready (or could not be made).
    case reportReady(Result<[String], WorkstationError>)
    /// The monitor screen's overview is ready (or could not be made).
    case monitorReady(Result<MonitorOverview, WorkstationError>)
    /// Something for the status line from work done off the loop (a failed write).
    case notice(String)
    /// Open a study (by Study Instance UID, or a unique prefix / patient id) from the command line.
    case openStudy(String)
    /// A remote study's retrieve moved on; `viewArrived`: one of its screening views was just filed.
    case retrieveProgress(studyUID: String, progress: RetrievalProgress, viewArrived: Bool)
    /// A remote study's retrieve ended: a summary line, or what failed.
    case retrieveFinished(studyUID: String, outcome: Result<String, WorkstationError>)
    /// The study reopened from the library (new views arrived): replaces what is shown.
    case studyRefreshed(StudyDetails)
    /// The worklist read again (a study was retrieved, archives answered).
    case worklistReloaded([WorklistEntry])
    /// The open study's marks and image UIDs, read to start annotating (or why they could not be).
    case annotationsLoaded(studyUID: String, Result<AnnotationLibraryView, WorkstationError>)
    /// The study's marks read again, and why (the review opened, a mark accepted, a write refused).
    case annotationsReloaded(studyUID: String, Result<[Annotation], WorkstationError>, reason: AnnotationReload)
    /// An annotation edit's rows were refused by the library: the edit is taken back.
    case annotationNotSaved(studyUID: String, edit: AnnotationEdit, reason: String)
    /// The pixel probe's value under the cursor was read (or why it could not be).
    case pixelProbed(studyUID: String, PixelProbe)
}
