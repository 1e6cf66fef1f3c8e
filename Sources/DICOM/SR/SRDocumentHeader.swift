// The document-level attributes of a structured report mammoterm reads and writes: patient,
// study, series, instance and equipment (PS3.3 A.35: Patient, General Study, SR Document Series,
// General Equipment, SR Document General modules). Texts read from a file are made printable.
import MammoCore

public struct SRDocumentHeader: Hashable, Sendable {
    public var sopClassUID = ""
    public var sopInstanceUID = ""
    public var studyInstanceUID = ""
    public var seriesInstanceUID = ""
    public var patientID = ""
    public var patientName = ""
    public var patientBirthDate = ""
    public var patientSex = ""
    public var studyDate = ""
    public var studyTime = ""
    public var studyID = ""
    public var accessionNumber = ""
    public var referringPhysicianName = ""
    public var seriesNumber = "1"
    public var seriesDescription = ""
    public var instanceNumber = "1"
    /// DA and TM of the content (when the report was made).
    public var contentDate = ""
    public var contentTime = ""
    /// General Equipment: who made the report (for a CAD SR, the AI's maker and product).
    public var manufacturer = ""
    public var manufacturerModelName = ""
    public var softwareVersions = ""
    public var deviceSerialNumber = ""
    public var institutionName = ""
    /// Read only: PARTIAL / COMPLETE and UNVERIFIED / VERIFIED as the file says.
    public var completionFlag = ""
    public var verificationFlag = ""

    public init() {}

    /// The attributes written after dcmsr's own (so these win), with their values.
    var written: [(DicomTag, String)] {
        var list: [(DicomTag, String)] = [
            (.sopInstanceUID, sopInstanceUID), (.studyInstanceUID, studyInstanceUID), (.seriesInstanceUID, seriesInstanceUID),
            (.patientID, patientID), (.patientName, patientName), (.patientBirthDate, patientBirthDate), (.patientSex, patientSex),
            (.studyDate, studyDate), (.studyTime, studyTime), (.studyID, studyID), (.accessionNumber, accessionNumber),
            (.referringPhysicianName, referringPhysicianName), (.seriesNumber, seriesNumber), (.instanceNumber, instanceNumber),
            (.contentDate, contentDate), (.contentTime, contentTime),
            (.instanceCreationDate, contentDate), (.instanceCreationTime, contentTime),
            (.manufacturer, manufacturer),
        ]
        // An empty value would replace what dcmsr wrote (a new UID, the current date and time)
        // with nothing, and these are Type 1: left to dcmsr when we have none.
        let typeOne: Set<DicomTag> = [.sopInstanceUID, .studyInstanceUID, .seriesInstanceUID, .contentDate, .contentTime,
                                      .instanceCreationDate, .instanceCreationTime, .seriesNumber, .instanceNumber]
        list.removeAll { typeOne.contains($0.0) && $0.1.isEmpty }
        if !seriesDescription.isEmpty { list.append((.seriesDescription, seriesDescription)) }
        if !manufacturerModelName.isEmpty { list.append((.manufacturerModelName, manufacturerModelName)) }
        if !softwareVersions.isEmpty { list.append((.softwareVersions, softwareVersions)) }
        if !deviceSerialNumber.isEmpty { list.append((.deviceSerialNumber, deviceSerialNumber)) }
        if !institutionName.isEmpty { list.append((.institutionName, institutionName)) }
        return list
    }

    static let read: [DicomTag] = [
        .sopClassUID, .sopInstanceUID, .studyInstanceUID, .seriesInstanceUID, .patientID, .patientName, .patientBirthDate,
        .patientSex, .studyDate, .studyTime, .studyID, .accessionNumber, .referringPhysicianName, .seriesNumber,
        .seriesDescription, .instanceNumber, .contentDate, .contentTime, .manufacturer, .manufacturerModelName,
        .softwareVersions, .deviceSerialNumber, .institutionName, .completionFlag, .verificationFlag,
    ]

    init(_ values: [DicomTag: String]) {
        func value(_ tag: DicomTag) -> String { PrintableText.clean(values[tag]?.trimmingCharacters(in: .whitespaces) ?? "") }
        sopClassUID = value(.sopClassUID); sopInstanceUID = value(.sopInstanceUID)
        studyInstanceUID = value(.studyInstanceUID); seriesInstanceUID = value(.seriesInstanceUID)
        patientID = value(.patientID); patientName = value(.patientName); patientBirthDate = value(.patientBirthDate)
        patientSex = value(.patientSex); studyDate = value(.studyDate); studyTime = value(.studyTime)
        studyID = value(.studyID); accessionNumber = value(.accessionNumber)
        referringPhysicianName = value(.referringPhysicianName); seriesNumber = value(.seriesNumber)
        seriesDescription = value(.seriesDescription); instanceNumber = value(.instanceNumber)
        contentDate = value(.contentDate); contentTime = value(.contentTime); manufacturer = value(.manufacturer)
        manufacturerModelName = value(.manufacturerModelName); softwareVersions = value(.softwareVersions)
        deviceSerialNumber = value(.deviceSerialNumber); institutionName = value(.institutionName)
        completionFlag = value(.completionFlag); verificationFlag = value(.verificationFlag)
    }
}
