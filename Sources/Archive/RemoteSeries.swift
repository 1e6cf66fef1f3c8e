// Series and instances of a remote study (SERIES and IMAGE level answers). RemoteStudy itself is
// in MammoCore (the library keeps it); re-exported here so `import Archive` is enough.
@_exported import struct MammoCore.RemoteStudy
import MammoCore

/// One series of a remote study (SERIES level).
public struct RemoteSeries: Codable, Hashable, Sendable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var modality: String
    public var seriesNumber: Int?
    public var seriesDescription: String
    public var numberOfInstances: Int?

    public init(studyInstanceUID: String, seriesInstanceUID: String, modality: String = "", seriesNumber: Int? = nil,
                seriesDescription: String = "", numberOfInstances: Int? = nil) {
        self.studyInstanceUID = PrintableText.clean(studyInstanceUID)
        self.seriesInstanceUID = PrintableText.clean(seriesInstanceUID)
        self.modality = PrintableText.clean(modality)
        self.seriesNumber = seriesNumber
        self.seriesDescription = PrintableText.clean(seriesDescription)
        self.numberOfInstances = numberOfInstances
    }
}

/// One instance of a remote study (IMAGE level).
public struct RemoteInstance: Codable, Hashable, Sendable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    public var sopClassUID: String
    public var instanceNumber: Int?

    public init(studyInstanceUID: String, seriesInstanceUID: String, sopInstanceUID: String, sopClassUID: String = "",
                instanceNumber: Int? = nil) {
        self.studyInstanceUID = PrintableText.clean(studyInstanceUID)
        self.seriesInstanceUID = PrintableText.clean(seriesInstanceUID)
        self.sopInstanceUID = PrintableText.clean(sopInstanceUID)
        self.sopClassUID = PrintableText.clean(sopClassUID)
        self.instanceNumber = instanceNumber
    }
}
