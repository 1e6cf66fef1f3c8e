// What mammoterm does with an archive, whichever protocol carries it: DIMSE (DimseConnection,
// through DCMTK's dcmnet) or DICOMweb (DicomWebConnection, QIDO-RS / WADO-RS / STOW-RS over
// HTTP). Calls are synchronous and may block for the node's timeouts: run them off the UI loop.
public protocol ArchiveConnection: Sendable {
    var node: PacsNode { get }
    /// C-ECHO, or for DICOMweb a QIDO-RS request that must answer.
    func echo() throws(ArchiveError)
    func findStudies(_ query: StudyQuery) throws(ArchiveError) -> [RemoteStudy]
    func findSeries(studyInstanceUID: String) throws(ArchiveError) -> [RemoteSeries]
    /// Instances of a study, or of one of its series.
    func findInstances(studyInstanceUID: String, seriesInstanceUID: String?) throws(ArchiveError) -> [RemoteInstance]
    /// Fetches the request's instances; each one arrives in `spool` (a folder) and goes to
    /// `sink`. A refused instance is counted as failed and the rest goes on. Stops at the next
    /// instance when `cancel` is set, throwing an ArchiveError whose reason is "cancelled".
    func retrieve(_ request: RetrieveRequest, spool: String, sink: any InstanceSink,
                  progress: @escaping @Sendable (RetrieveProgress) -> Void,
                  cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts
    /// Sends the files (C-STORE / STOW-RS). A file the archive refuses is counted as failed with its reason.
    func send(files: [String], progress: @escaping @Sendable (RetrieveProgress) -> Void,
              cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts
}
