// An archive over DIMSE (DCMTK's dcmnet through the CDCMTK shim): C-ECHO, Study Root C-FIND,
// retrieval by C-GET (instances come back on the same association) or C-MOVE (the archive
// sends them to our Storage SCP on node.storagePort), and C-STORE sending. Each call opens
// its own association; calls are independent and may run on different threads.
import CDCMTK
import Foundation
import MammoCore

public struct DimseConnection: ArchiveConnection {
    /// How instances are fetched.
    public enum RetrieveMode: String, Sendable, CaseIterable {
        /// C-GET: one association; the archive needs no configuration for us.
        case cget
        /// C-MOVE: the archive connects back to our Storage SCP (node.storagePort, AE title
        /// node.callingAET, which the archive must know as a destination).
        case cmove
    }

    public let node: PacsNode
    public let retrieveMode: RetrieveMode

    public init(node: PacsNode, retrieveMode: RetrieveMode = .cget) {
        self.node = node
        self.retrieveMode = retrieveMode
    }

    public func echo() throws(ArchiveError) {
        let cNode = DimseNode(node)
        var status = mt_status()
        let result = withExtendedLifetime(cNode) { mt_net_echo([cNode.raw], &status) }
        if result != MT_NET_OK { throw node.error("C-ECHO", DimseFailure(result, status)) }
    }

    public func findStudies(_ query: StudyQuery) throws(ArchiveError) -> [RemoteStudy] {
        var keys = DimseKeys()
        keys.add(.patientID, query.patientID)
        keys.add(.patientName)
        keys.add(.patientBirthDate)
        keys.add(.studyDate, query.studyDate)
        keys.add(.studyTime)
        keys.add(.accessionNumber, query.accessionNumber)
        keys.add(.studyInstanceUID, query.studyInstanceUID)
        keys.add(.studyDescription)
        keys.add(.modalitiesInStudy, query.modality)
        keys.add(.numberOfStudyRelatedInstances)
        return try find(level: .study, keys).compactMap { match in
            let uid = match.text(.studyInstanceUID)
            guard !uid.isEmpty else { return nil }
            return RemoteStudy(studyInstanceUID: uid, patientID: match.text(.patientID), patientName: match.text(.patientName),
                               patientBirthDate: match.text(.patientBirthDate), studyDate: match.text(.studyDate),
                               studyTime: match.text(.studyTime), studyDescription: match.text(.studyDescription),
                               accessionNumber: match.text(.accessionNumber),
                               modalitiesInStudy: match.text(.modalitiesInStudy).split(separator: "\\").map(String.init),
                               numberOfInstances: match.int(.numberOfStudyRelatedInstances))
        }
    }

    public func findSeries(studyInstanceUID: String) throws(ArchiveError) -> [RemoteSeries] {
        var keys = DimseKeys()
        keys.add(.studyInstanceUID, studyInstanceUID)
        keys.add(.seriesInstanceUID)
        keys.add(.modality)
        keys.add(.seriesNumber)
        keys.add(.seriesDescription)
        keys.add(.numberOfSeriesRelatedInstances)
        return try find(level: .series, keys).compactMap { match in
            let uid = match.text(.seriesInstanceUID)
            guard !uid.isEmpty else { return nil }
            let study = match.text(.studyInstanceUID)
            return RemoteSeries(studyInstanceUID: study.isEmpty ? studyInstanceUID : study, seriesInstanceUID: uid,
                                modality: match.text(.modality), seriesNumber: match.int(.seriesNumber),
                                seriesDescription: match.text(.seriesDescription),
                                numberOfInstances: match.int(.numberOfSeriesRelatedInstances))
        }
    }

    /// Study Root is hierarchical: without a series, the study's series are found first and
    /// their instances asked for one series at a time.
    public func findInstances(studyInstanceUID: String, seriesInstanceUID: String?) throws(ArchiveError) -> [RemoteInstance] {
        guard let seriesInstanceUID else {
            var all: [RemoteInstance] = []
            for series in try findSeries(studyInstanceUID: studyInstanceUID) {
                all += try findInstances(studyInstanceUID: studyInstanceUID, seriesInstanceUID: series.seriesInstanceUID)
            }
            return all
        }
        var keys = DimseKeys()
        keys.add(.studyInstanceUID, studyInstanceUID)
        keys.add(.seriesInstanceUID, seriesInstanceUID)
        keys.add(.sopInstanceUID)
        keys.add(.sopClassUID)
        keys.add(.instanceNumber)
        return try find(level: .image, keys).compactMap { match in
            let uid = match.text(.sopInstanceUID)
            guard !uid.isEmpty else { return nil }
            let series = match.text(.seriesInstanceUID)
            return RemoteInstance(studyInstanceUID: studyInstanceUID, seriesInstanceUID: series.isEmpty ? seriesInstanceUID : series,
                                  sopInstanceUID: uid, sopClassUID: match.text(.sopClassUID),
                                  instanceNumber: match.int(.instanceNumber))
        }
    }

    /// One C-FIND; the matches in the order the archive sent them.
    func find(level: QueryLevel, _ keys: DimseKeys) throws(ArchiveError) -> [DimseMatch] {
        let cNode = DimseNode(node)
        let box = FindResults()
        var status = mt_status()
        let callback: mt_find_callback = { context, values, count in
            guard let context else { return 1 }
            let box = Unmanaged<FindResults>.fromOpaque(context).takeUnretainedValue()
            var match: [DimseTag: String] = [:]
            if let values {
                for index in 0..<count {
                    let value = values[index]
                    match[DimseTag(value.group, value.element)] = dimseText(value.value)
                }
            }
            box.matches.append(DimseMatch(values: match))
            return 0
        }
        let result = withExtendedLifetime((cNode, box)) {
            keys.withAttributes { attributes, count in
                mt_net_find([cNode.raw], level.rawValue, attributes, count, callback,
                            Unmanaged.passUnretained(box).toOpaque(), &status)
            }
        }
        if result != MT_NET_OK { throw node.error("C-FIND", DimseFailure(result, status)) }
        return box.matches
    }
}

/// Collects C-FIND matches (the callback runs on the calling thread).
private final class FindResults {
    var matches: [DimseMatch] = []
}
