// One study an archive answered a query with (C-FIND or QIDO-RS), kept by the library as a
// remote worklist row until it is retrieved. Its Codable form is the `pacs query --json`
// contract: keep the field names (studyInstanceUID, patientID, studyDate, modalitiesInStudy,
// numberOfInstances); add, don't rename. All text is cleaned: it came from the network.

public struct RemoteStudy: Codable, Hashable, Sendable {
    /// The archive node's name (config.toml's [[pacs]] name) that answered.
    public var node: String = ""
    public var studyInstanceUID: String
    public var patientID: String
    /// Printable person name (never logged).
    public var patientName: String
    public var patientBirthDate: String
    /// DICOM DA "YYYYMMDD" or empty.
    public var studyDate: String
    public var studyTime: String
    public var studyDescription: String
    public var accessionNumber: String
    public var modalitiesInStudy: [String]
    /// NumberOfStudyRelatedInstances, when the archive says.
    public var numberOfInstances: Int?

    public init(studyInstanceUID: String, patientID: String = "", patientName: String = "", patientBirthDate: String = "",
                studyDate: String = "", studyTime: String = "", studyDescription: String = "", accessionNumber: String = "",
                modalitiesInStudy: [String] = [], numberOfInstances: Int? = nil, node: String = "") {
        self.node = node
        self.studyInstanceUID = PrintableText.clean(studyInstanceUID)
        self.patientID = PrintableText.clean(patientID)
        self.patientName = PrintableText.personName(patientName)
        self.patientBirthDate = PrintableText.clean(patientBirthDate)
        self.studyDate = PrintableText.clean(studyDate)
        self.studyTime = PrintableText.clean(studyTime)
        self.studyDescription = PrintableText.clean(studyDescription)
        self.accessionNumber = PrintableText.clean(accessionNumber)
        self.modalitiesInStudy = modalitiesInStudy.map { PrintableText.clean($0) }.filter { !$0.isEmpty }
        self.numberOfInstances = numberOfInstances
    }
}

