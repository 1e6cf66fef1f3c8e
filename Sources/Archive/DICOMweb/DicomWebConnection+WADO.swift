// WADO-RS (PS3.18 10.4): a study, or each listed instance (resume), as multipart/related of
// application/dicom, asked for in its stored transfer syntax (`transfer-syntax=*`; without it
// Orthanc transcodes to Explicit VR Little Endian, four times the bytes of JPEG-LS).
// The body is split as it arrives, on the session's delegate queue: each part goes to a
// hidden spool file. Once its closing boundary is read, the caller's thread syncs it, reads
// its header, renames it to "<SOP Instance UID>.dcm" and hands it to the sink, so the first
// view can be shown while the others are still on the wire, and neither the sync nor a slow
// sink holds up reading the socket: what waits in memory is only what the network delivers
// faster than the disk takes it. A response cut short loses
// only the part in flight (deleted); the instances before it stay accepted.
import DICOM
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MammoCore

extension DicomWebConnection {
    static let instanceMediaType = "multipart/related; type=\"application/dicom\"; transfer-syntax=*"
    /// The same without the transfer syntax, for an archive that answers the first with 406.
    static let plainInstanceMediaType = "multipart/related; type=\"application/dicom\""

    public func retrieve(_ request: RetrieveRequest, spool: String, sink: any InstanceSink,
                         progress: @escaping @Sendable (RetrieveProgress) -> Void,
                         cancel: CancellationFlag) throws(ArchiveError) -> TransferCounts {
        let study = try checkedUID(request.studyInstanceUID, "WADO-RS")
        do {
            try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        } catch {
            throw node.error("WADO-RS", "cannot create the spool folder \(spool): \(error.localizedDescription)")
        }
        var state = RetrieveState(total: nil)
        if cancel.isCancelled { throw node.error("WADO-RS", "cancelled") }

        if let instances = request.instances {
            // Resume: one request per missing instance, so the count still to come is exact.
            state.total = instances.count
            for instance in instances {
                if cancel.isCancelled { throw node.error("WADO-RS", "cancelled") }
                let sop = PrintableText.clean(instance.sopInstanceUID)
                guard Self.isPlainUID(instance.seriesInstanceUID), Self.isPlainUID(instance.sopInstanceUID) else {
                    state.fail(sop.isEmpty ? "?" : sop, "not a UID", progress: progress)
                    continue
                }
                let path = ["studies", study, "series", instance.seriesInstanceUID, "instances", instance.sopInstanceUID]
                let before = state.completed + state.failed
                let status = try fetchMultipart(path, spool: spool, sink: sink, state: &state, progress: progress, cancel: cancel,
                                                missingIsFailure: true)
                if status == 404 || (status == 200 && state.completed + state.failed == before) {
                    state.fail(sop, status == 404 ? "not on the archive (HTTP 404)" : "the archive sent no instance", progress: progress)
                }
            }
        } else {
            state.total = try studyInstanceCount(study)
            _ = try fetchMultipart(["studies", study], spool: spool, sink: sink, state: &state, progress: progress, cancel: cancel,
                                   missingIsFailure: false)
        }
        return state.counts
    }

    /// NumberOfStudyRelatedInstances from QIDO-RS, for the progress line; nil when the archive does
    /// not say or will not answer the query. Throws when the archive cannot be reached at all (so a
    /// dead archive costs one timeout, not two).
    func studyInstanceCount(_ study: String) throws(ArchiveError) -> Int? {
        let parameters = [("StudyInstanceUID", study), ("includefield", "00201208")]
        let answer: [DicomJSONDataset]
        do { answer = try qido(["studies"], parameters) } catch {
            if error.reason.hasPrefix("HTTP ") { return nil }
            throw node.error("WADO-RS", error.reason)
        }
        guard answer.count == 1 else { return nil }
        return answer[0].int("00201208")
    }

    /// One WADO-RS GET streamed into the spool and the sink. Returns the HTTP status when it is
    /// 200, or 404 when `missingIsFailure` (the caller counts that instance); throws otherwise.
    private func fetchMultipart(_ path: [String], spool: String, sink: any InstanceSink, state: inout RetrieveState,
                                progress: @escaping @Sendable (RetrieveProgress) -> Void, cancel: CancellationFlag,
                                missingIsFailure: Bool) throws(ArchiveError) -> Int {
        var accept = Self.instanceMediaType
        while true {
            let request = try self.request("WADO-RS", path, accept: accept)
            let http = HTTPTransfer(node: node, operation: "WADO-RS")
            let consumer = WADOBodyConsumer(spool: spool, node: node, location: HTTPTransfer.location(request.url))
            let head: HTTPTransfer.Head
            do {
                head = try http.run(request, cancel: cancel, consumer: consumer, onHead: { _ in }, onOutput: { output throws(ArchiveError) in
                    guard let part = output as? ArrivedPart else { return }
                    state.deliver(part.publish(), sink: sink, progress: progress)
                    if cancel.isCancelled { throw node.error("WADO-RS", "cancelled") }
                }, onDiscard: { output in
                    if let part = output as? ArrivedPart { try? FileManager.default.removeItem(atPath: part.temporaryPath) }
                })
            } catch {
                if error.reason == "cancelled" { throw error }
                let done = state.completed + state.failed
                if done > 0 { throw node.error("WADO-RS", "\(error.reason) (after \(done) instance(s); retry to resume)") }
                throw error
            }
            switch head.status {
            case 200:
                // Read only now: the consumer is done (its end ran before the run returned).
                if let problem = consumer.problem {
                    let done = state.completed + state.failed
                    throw node.error("WADO-RS", "\(problem)\(done > 0 ? " after \(done) instance(s); retry to resume" : "")")
                }
                return 200
            case 406 where accept == Self.instanceMediaType:
                accept = Self.plainInstanceMediaType
            case 404 where missingIsFailure:
                return 404
            case 404, 204:
                throw http.statusError(head, body: consumer.errorBody, url: request.url, hint: "study not on the archive")
            default:
                throw http.statusError(head, body: consumer.errorBody, url: request.url, hint: Self.hint(status: head.status))
            }
        }
    }
}

/// Counts and progress of one retrieve.
private struct RetrieveState {
    var total: Int?
    var counts = TransferCounts()
    var completed: Int { counts.completed }
    var failed: Int { counts.failed }

    var remaining: Int? { total.map { max(0, $0 - counts.completed - counts.failed) } }

    mutating func fail(_ sop: String, _ reason: String, progress: @Sendable (RetrieveProgress) -> Void) {
        counts.failed += 1
        counts.failures.append("\(sop): \(reason)")
        progress(RetrieveProgress(completed: counts.completed, failed: counts.failed, remaining: remaining, sopInstanceUID: sop))
    }

    /// Hands a complete spool file to the sink and counts the verdict.
    mutating func deliver(_ file: ReceivedPart, sink: any InstanceSink, progress: @Sendable (RetrieveProgress) -> Void) {
        if let problem = file.problem {
            try? FileManager.default.removeItem(atPath: file.path)
            fail(file.label, problem, progress: progress)
            return
        }
        switch sink.receive(file: file.path) {
        case .accepted:
            counts.completed += 1
            counts.bytes += file.bytes
            progress(RetrieveProgress(completed: counts.completed, failed: counts.failed, remaining: remaining, sopInstanceUID: file.sop))
        case .refused(let reason):
            try? FileManager.default.removeItem(atPath: file.path)
            fail(file.label, PrintableText.clean(reason), progress: progress)
        }
    }
}

/// A part whose closing boundary was read: closed under its temporary name, not yet synced.
private struct ArrivedPart: Sendable {
    var spool: String
    var temporaryPath: String
    var bytes: Int64
    var expectedLength: Int64?
    var index: Int

    /// Syncs, checks and renames the file (on the caller's thread): the part as the sink will see it.
    func publish() -> ReceivedPart {
        var problem: String?
        if let expectedLength, expectedLength != bytes {
            problem = "part of \(bytes) bytes where Content-Length said \(expectedLength)"
        }
        do { try SpoolFile.sync(temporaryPath) } catch { problem = problem ?? error.description }
        var sop = ""
        if problem == nil, let header = try? DicomHeaderReader.read(path: temporaryPath),
           DicomWebConnection.isPlainUID(header.sopInstanceUID) {
            sop = header.sopInstanceUID
        }
        let name = sop.isEmpty ? "instance-\(UUID().uuidString.prefix(8))-\(index).dcm" : "\(sop).dcm"
        let final = (spool as NSString).appendingPathComponent(name)
        guard problem == nil else {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            return ReceivedPart(path: temporaryPath, sop: sop, bytes: bytes, problem: problem, name: "part \(index)")
        }
        guard rename(temporaryPath, final) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            return ReceivedPart(path: temporaryPath, sop: sop, bytes: bytes, problem: "cannot rename the spool file to \(name): \(reason)",
                                name: "part \(index)")
        }
        return ReceivedPart(path: final, sop: sop, bytes: bytes, problem: nil, name: name)
    }
}

/// A part that arrived whole and now has its final name in the spool (or a problem, and no file).
private struct ReceivedPart: Sendable {
    var path: String
    /// SOP Instance UID read from the file ("" when its header could not be read).
    var sop: String
    var bytes: Int64
    /// Set when the part is unusable before the sink sees it (length mismatch).
    var problem: String?
    /// The file name, or "part N" when there is no file.
    var name: String
    var label: String { sop.isEmpty ? name : sop }
}

/// Turns a multipart/related body into spool files as it arrives, on the session's delegate
/// queue (HTTPBodyConsumer: one call at a time). Each part is written under a temporary name;
/// once its closing boundary is read it is closed and handed on as an ArrivedPart (the caller
/// syncs and names it). At the end a part in flight is deleted and a missing closing boundary noted.
private final class WADOBodyConsumer: HTTPBodyConsumer, @unchecked Sendable {
    let spool: String
    let node: PacsNode
    let location: String
    private var reader: MultipartReader?
    private var status = 0
    private var current: SpoolFile?
    private var expectedLength: Int64?
    private var index = 0
    /// The start of a non-200 body, for the error message (read after the end).
    private(set) var errorBody = Data()
    /// Why a 200 body was unusable or cut short (read after the end).
    private(set) var problem: String?

    init(spool: String, node: PacsNode, location: String) {
        self.spool = spool
        self.node = node
        self.location = location
    }

    func head(_ head: HTTPTransfer.Head) throws(ArchiveError) {
        status = head.status
        guard head.status == 200 else { return }
        switch MultipartReader.forContentType(head.contentType) {
        case .success(let reader): self.reader = reader
        case .failure(let error): throw node.error("WADO-RS", "\(error) from \(location)")
        }
    }

    func data(_ chunk: Data) throws(ArchiveError) -> [any Sendable] {
        guard status == 200 else {
            if errorBody.count < 4096 { errorBody.append(chunk.prefix(4096 - errorBody.count)) }
            return []
        }
        guard var reader else { return [] }
        var completed: [any Sendable] = []
        do {
            try reader.feed(chunk) { event in
                switch event {
                case .partBegan(let headers):
                    current?.discard()
                    current = try SpoolFile(folder: spool)
                    expectedLength = headers["content-length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                case .partData(let data):
                    try current?.write(data)
                case .partEnded:
                    if let part = try finishPart() { completed.append(part) }
                }
            }
        } catch {
            self.reader = reader
            abandon(completed)
            throw node.error("WADO-RS", "\(error)")
        }
        self.reader = reader
        return completed
    }

    func end(error: (any Error)?) {
        current?.discard()
        current = nil
        guard error == nil, status == 200, let reader else { return }
        do { try reader.finish() } catch { problem = "\(error)" }
    }

    /// Closes the part just ended (the caller syncs it: an fsync here would stall the socket).
    private func finishPart() throws(SpoolError) -> ArrivedPart? {
        guard let file = current else { return nil }
        current = nil
        index += 1
        try file.close(sync: false)
        return ArrivedPart(spool: spool, temporaryPath: file.temporaryPath, bytes: file.bytes, expectedLength: expectedLength, index: index)
    }

    /// Deletes files produced in a call that then failed.
    private func abandon(_ parts: [any Sendable]) {
        for case let part as ArrivedPart in parts { try? FileManager.default.removeItem(atPath: part.temporaryPath) }
    }
}
