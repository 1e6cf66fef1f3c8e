// QIDO-RS (PS3.18 10.6): studies, series and instances as DICOM JSON, mapped to RemoteStudy,
// RemoteSeries and RemoteInstance. 204 No Content is an empty answer.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension DicomWebConnection {
    /// Attributes asked for beyond QIDO-RS's defaults (servers differ in what they return unasked).
    static let studyFields = [
        "00081030", // StudyDescription
        "00100030", // PatientBirthDate
        "00080061", // ModalitiesInStudy
        "00201208", // NumberOfStudyRelatedInstances
        "00080030", // StudyTime
    ]
    static let seriesFields = ["0008103E", "00200011", "00201209"] // SeriesDescription, SeriesNumber, NumberOfSeriesRelatedInstances
    static let instanceFields = ["00080016", "00200013"] // SOPClassUID, InstanceNumber

    public func findStudies(_ query: StudyQuery) throws(ArchiveError) -> [RemoteStudy] {
        var parameters: [(String, String)] = []
        if let modality = query.modality { parameters.append(("ModalitiesInStudy", modality)) }
        if let patientID = query.patientID { parameters.append(("PatientID", patientID)) }
        if let studyDate = query.studyDate { parameters.append(("StudyDate", studyDate)) }
        if let accession = query.accessionNumber { parameters.append(("AccessionNumber", accession)) }
        if let uid = query.studyInstanceUID { parameters.append(("StudyInstanceUID", uid)) }
        parameters.append(("includefield", Self.studyFields.joined(separator: ",")))
        return try qido(["studies"], parameters).compactMap { Self.study($0, node: node.name) }
    }

    public func findSeries(studyInstanceUID: String) throws(ArchiveError) -> [RemoteSeries] {
        let study = try checkedUID(studyInstanceUID, "QIDO-RS")
        return try qido(["studies", study, "series"], [("includefield", Self.seriesFields.joined(separator: ","))])
            .compactMap { Self.series($0, study: study) }
    }

    public func findInstances(studyInstanceUID: String, seriesInstanceUID: String?) throws(ArchiveError) -> [RemoteInstance] {
        let study = try checkedUID(studyInstanceUID, "QIDO-RS")
        var path = ["studies", study]
        if let seriesInstanceUID { path += ["series", try checkedUID(seriesInstanceUID, "QIDO-RS")] }
        path.append("instances")
        return try qido(path, [("includefield", Self.instanceFields.joined(separator: ","))])
            .compactMap { Self.instance($0, study: study, series: seriesInstanceUID) }
    }

    /// One QIDO-RS request: its DICOM JSON answer, [] for 204.
    func qido(_ path: [String], _ parameters: [(String, String)]) throws(ArchiveError) -> [DicomJSONDataset] {
        let http = HTTPTransfer(node: node, operation: "QIDO-RS")
        let request = try self.request("QIDO-RS", path, query: parameters, accept: "application/dicom+json")
        let (head, body) = try http.collect(request)
        switch head.status {
        case 204: return []
        case 200:
            do { return try DicomJSONDataset.parseArray(body) } catch {
                throw http.statusError(head, body: body, url: request.url, hint: "answer is not DICOM JSON (\(error))")
            }
        default:
            throw http.statusError(head, body: body, url: request.url, hint: Self.hint(status: head.status))
        }
    }

    /// A UID as it may go in a URL path.
    func checkedUID(_ uid: String, _ operation: String) throws(ArchiveError) -> String {
        let trimmed = uid.trimmingCharacters(in: .whitespaces)
        guard Self.isPlainUID(trimmed) else { throw node.error(operation, "not a UID: \(uid)") }
        return trimmed
    }

    static func study(_ item: DicomJSONDataset, node: String = "") -> RemoteStudy? {
        let uid = item.string("0020000D")
        guard !uid.isEmpty else { return nil }
        return RemoteStudy(
            studyInstanceUID: uid, patientID: item.string("00100020"), patientName: item.string("00100010"),
            patientBirthDate: item.string("00100030"), studyDate: item.string("00080020"), studyTime: item.string("00080030"),
            studyDescription: item.string("00081030"), accessionNumber: item.string("00080050"),
            modalitiesInStudy: item.strings("00080061"), numberOfInstances: item.int("00201208"), node: node)
    }

    static func series(_ item: DicomJSONDataset, study: String) -> RemoteSeries? {
        let uid = item.string("0020000E")
        guard !uid.isEmpty else { return nil }
        let studyUID = item.string("0020000D")
        return RemoteSeries(
            studyInstanceUID: studyUID.isEmpty ? study : studyUID, seriesInstanceUID: uid, modality: item.string("00080060"),
            seriesNumber: item.int("00200011"), seriesDescription: item.string("0008103E"), numberOfInstances: item.int("00201209"))
    }

    static func instance(_ item: DicomJSONDataset, study: String, series: String?) -> RemoteInstance? {
        let uid = item.string("00080018")
        var seriesUID = item.string("0020000E")
        if seriesUID.isEmpty { seriesUID = series ?? "" }
        guard !uid.isEmpty, !seriesUID.isEmpty else { return nil }
        let studyUID = item.string("0020000D")
        return RemoteInstance(
            studyInstanceUID: studyUID.isEmpty ? study : studyUID, seriesInstanceUID: seriesUID, sopInstanceUID: uid,
            sopClassUID: item.string("00080016"), instanceNumber: item.int("00200013"))
    }
}
