// Everything mammoterm reads from a file's header, with every string already made printable.
import MammoCore

public struct DicomHeader: Sendable, Equatable {
    public var path: String
    public var hasFileMeta: Bool
    public var transferSyntaxUID: String
    public var hasPixelData: Bool
    /// For header-only reads, the bytes after the header (Pixel Data and anything after it).
    public var bytesAfterHeader: Int?

    public var sopClassUID: String
    public var sopInstanceUID: String
    public var studyInstanceUID: String
    public var seriesInstanceUID: String

    public var patientID: String
    /// Person name as written ("FAMILY^GIVEN"), printable.
    public var patientName: String
    public var patientBirthDate: String
    public var studyDate: String
    public var studyTime: String
    public var studyDescription: String
    public var accessionNumber: String
    public var seriesDescription: String
    public var protocolName: String
    public var seriesNumber: Int?
    public var instanceNumber: Int?
    public var modality: String
    public var manufacturer: String
    public var imageType: [String]

    public var rows: Int
    public var columns: Int
    public var bitsAllocated: Int
    public var bitsStored: Int
    public var highBit: Int
    public var pixelRepresentation: Int
    public var samplesPerPixel: Int
    public var photometricInterpretation: String
    public var numberOfFrames: Int

    /// Modality rescale (0028,1052/1053); slope 1 and intercept 0 when absent.
    public var rescaleSlope: Double
    public var rescaleIntercept: Double
    public var modalityLUT: LookupTable?
    public var windows: [VOIWindow]
    public var voiLUTFunction: VOILUTFunction
    /// Set when (0028,1056) holds a value we do not know; LINEAR is used then.
    public var unknownVOILUTFunction: String?
    /// Window and rescale values that are not finite numbers a display value can hold, as
    /// "(0028,1053) RescaleSlope 1e308": the file is refused (the values above fall back to
    /// defaults so nothing downstream sees them).
    public var nonFiniteValues: [String]
    public var voiLUTs: [LookupTable]

    public var imageLaterality: String
    public var laterality: String
    public var viewPosition: String
    public var viewCode: (value: String, scheme: String, meaning: String)?
    public var patientOrientation: [String]
    public var presentationIntentType: String
    public var breastImplantPresent: String
    public var pixelSpacing: PixelSpacing?
    public var imagerPixelSpacing: PixelSpacing?
    public var bodyPartThickness: Double?
    public var compressionForce: Double?

    // Acquisition context: where and on what the image was made (a drift monitor groups by it).
    /// InstitutionName (0008,0080).
    public var institutionName: String
    /// ManufacturerModelName (0008,1090).
    public var manufacturerModelName: String
    /// SoftwareVersions (0018,1020); several values stay joined with "\".
    public var softwareVersions: String
    /// KVP (0018,0060); nil when absent or not a number.
    public var kvp: Double?
    /// Exposure (0018,1152) in mAs, else ExposureInuAs (0018,1153) / 1000; nil when neither is a number.
    public var exposureMAs: Double?
    /// PatientAge (0010,1010) as written (AS, e.g. "058Y"), printable.
    public var patientAge: String

    /// Age in years: from PatientAge ("058Y"; months, weeks or days count as 0), else from the
    /// birth date at the study date; nil when neither says.
    public var ageYears: Int? {
        let age = patientAge.trimmedSpaces.uppercased()
        if age.count >= 2, let unit = age.last, let value = Int(age.dropLast()), value >= 0 {
            switch unit {
            case "Y": return value
            case "M", "W", "D": return 0
            default: break
            }
        }
        return Self.completedYears(birthDate: patientBirthDate, at: studyDate)
    }

    public static func == (a: DicomHeader, b: DicomHeader) -> Bool {
        a.path == b.path && a.sopInstanceUID == b.sopInstanceUID && a.transferSyntaxUID == b.transferSyntaxUID
    }
}

extension DicomHeader {
    init(file: some HeaderSource) {
        // One pass over the data set for every top-level value we read.
        let values = file.collect(Self.attributesRead)
        func raw(_ tag: DicomTag) -> String? { values[tag] }
        func text(_ tag: DicomTag) -> String { PrintableText.clean(raw(tag) ?? "") }
        func int(_ tag: DicomTag) -> Int? { Self.firstNumber(raw(tag)).flatMap { Int(exactly: $0.rounded()) } }
        func double(_ tag: DicomTag) -> Double? { Self.firstNumber(raw(tag)) }
        func numbers(_ tag: DicomTag) -> [Double] { Self.numbers(raw(tag)) }

        path = file.path
        hasFileMeta = file.hasMeta
        transferSyntaxUID = PrintableText.clean(file.transferSyntaxUID)
        hasPixelData = file.hasPixelData
        bytesAfterHeader = file.bytesAfterHeader
        sopClassUID = text(.sopClassUID)
        sopInstanceUID = text(.sopInstanceUID)
        studyInstanceUID = text(.studyInstanceUID)
        seriesInstanceUID = text(.seriesInstanceUID)
        patientID = text(.patientID)
        patientName = text(.patientName)
        patientBirthDate = text(.patientBirthDate)
        studyDate = text(.studyDate)
        studyTime = text(.studyTime)
        studyDescription = text(.studyDescription)
        accessionNumber = text(.accessionNumber)
        seriesDescription = text(.seriesDescription)
        protocolName = text(.protocolName)
        seriesNumber = int(.seriesNumber)
        instanceNumber = int(.instanceNumber)
        modality = text(.modality)
        manufacturer = text(.manufacturer)
        imageType = text(.imageType).split(separator: "\\").map { $0.trimmedSpaces }

        rows = int(.rows) ?? 0
        columns = int(.columns) ?? 0
        bitsAllocated = int(.bitsAllocated) ?? 0
        bitsStored = int(.bitsStored) ?? bitsAllocated
        highBit = int(.highBit) ?? max(bitsStored - 1, 0)
        pixelRepresentation = int(.pixelRepresentation) ?? 0
        samplesPerPixel = int(.samplesPerPixel) ?? 1
        photometricInterpretation = text(.photometricInterpretation).uppercased()
        numberOfFrames = max(int(.numberOfFrames) ?? 1, 1)

        rescaleSlope = double(.rescaleSlope) ?? 1
        if rescaleSlope == 0 || !rescaleSlope.isFinite { rescaleSlope = 1 }
        rescaleIntercept = double(.rescaleIntercept) ?? 0
        if !rescaleIntercept.isFinite { rescaleIntercept = 0 }
        modalityLUT = file.lookupTables(.modalityLUTSequence, signedInput: pixelRepresentation == 1).first

        nonFiniteValues = Self.nonFinite(
            ([(.rescaleSlope, "RescaleSlope"), (.rescaleIntercept, "RescaleIntercept"), (.windowCenter, "WindowCenter"),
              (.windowWidth, "WindowWidth")] as [(DicomTag, String)]).map { ($0.0, $0.1, raw($0.0)) },
            bitsStored: bitsStored, slope: rescaleSlope, intercept: rescaleIntercept)

        let centers = numbers(.windowCenter), widths = numbers(.windowWidth)
        let explanations = text(.windowCenterWidthExplanation).split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
        windows = zip(centers, widths).enumerated().compactMap { index, pair in
            guard pair.0.isFinite, pair.1.isFinite, pair.1 > 0 else { return nil }
            return VOIWindow(center: pair.0, width: pair.1, explanation: index < explanations.count ? explanations[index] : "")
        }
        let function = text(.voiLUTFunction).uppercased()
        voiLUTFunction = VOILUTFunction(rawValue: function) ?? .linear
        unknownVOILUTFunction = function.isEmpty || VOILUTFunction(rawValue: function) != nil ? nil : function
        voiLUTs = file.lookupTables(.voiLUTSequence, signedInput: pixelRepresentation == 1 && modalityLUT == nil && rescaleSlope == 1 && rescaleIntercept == 0)

        imageLaterality = text(.imageLaterality).uppercased()
        laterality = text(.laterality).uppercased()
        viewPosition = text(.viewPosition).uppercased()
        viewCode = file.viewCode.map { (PrintableText.clean($0.value), PrintableText.clean($0.scheme), PrintableText.clean($0.meaning)) }
        patientOrientation = text(.patientOrientation).split(separator: "\\", omittingEmptySubsequences: false)
            .map { $0.trimmedSpaces.uppercased() }
        if patientOrientation == [""] { patientOrientation = [] }
        presentationIntentType = text(.presentationIntentType).uppercased()
        breastImplantPresent = text(.breastImplantPresent).uppercased()
        pixelSpacing = Self.spacing(numbers(.pixelSpacing))
        imagerPixelSpacing = Self.spacing(numbers(.imagerPixelSpacing))
        bodyPartThickness = double(.bodyPartThickness)
        compressionForce = double(.compressionForce)
        institutionName = text(.institutionName)
        manufacturerModelName = text(.manufacturerModelName)
        softwareVersions = text(.softwareVersions)
        kvp = double(.kvp).flatMap { $0.isFinite ? $0 : nil }
        let exposure = double(.exposure).flatMap { $0.isFinite ? $0 : nil }
        let microAs = double(.exposureInuAs).flatMap { $0.isFinite ? $0 / 1000 : nil }
        exposureMAs = exposure ?? microAs
        patientAge = text(.patientAge)
    }

    /// Every top-level attribute the initialiser reads.
    static let attributesRead: [DicomTag] = [
        .sopClassUID, .sopInstanceUID, .studyInstanceUID, .seriesInstanceUID, .patientID, .patientName,
        .patientBirthDate, .studyDate, .studyTime, .studyDescription, .accessionNumber, .seriesDescription,
        .protocolName, .seriesNumber, .instanceNumber, .modality, .manufacturer, .imageType, .rows, .columns,
        .bitsAllocated, .bitsStored, .highBit, .pixelRepresentation, .samplesPerPixel, .photometricInterpretation,
        .numberOfFrames, .rescaleSlope, .rescaleIntercept, .windowCenter, .windowWidth, .windowCenterWidthExplanation,
        .voiLUTFunction, .imageLaterality, .laterality, .viewPosition, .patientOrientation, .presentationIntentType,
        .breastImplantPresent, .pixelSpacing, .imagerPixelSpacing, .bodyPartThickness, .compressionForce,
        .institutionName, .manufacturerModelName, .softwareVersions, .kvp, .exposure, .exposureInuAs, .patientAge,
    ]

    /// Completed years between two DICOM dates ("YYYYMMDD"); nil unless both are dates and the
    /// second is not before the first.
    public static func completedYears(birthDate: String, at date: String) -> Int? {
        func parts(_ text: String) -> (Int, Int, Int)? {
            let t = text.trimmedSpaces
            guard t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let y = Int(t.prefix(4)), let m = Int(t.dropFirst(4).prefix(2)), let d = Int(t.suffix(2)),
                  (1...12).contains(m), (1...31).contains(d) else { return nil }
            return (y, m, d)
        }
        guard let birth = parts(birthDate), let then = parts(date) else { return nil }
        var years = then.0 - birth.0
        if (then.1, then.2) < (birth.1, birth.2) { years -= 1 }
        return years >= 0 ? years : nil
    }

    // MARK: - Value parsing (DS/IS are text; files hold junk more often than one would hope)

    static func numbers(_ text: String?) -> [Double] {
        guard let text else { return [] }
        return text.split(separator: "\\", omittingEmptySubsequences: false).compactMap {
            Double($0.trimmedSpaces)
        }
    }

    static func firstNumber(_ text: String?) -> Double? { numbers(text).first }

    /// Display values are Float: anything beyond this, or not finite, cannot be shown.
    static let largestDisplayValue = 1e30

    /// The stated values that are NaN, infinite or too large for a display value, and a rescale
    /// that takes the largest stored value there.
    static func nonFinite(_ stated: [(DicomTag, String, String?)], bitsStored: Int, slope: Double, intercept: Double) -> [String] {
        var problems: [String] = []
        for (tag, name, text) in stated {
            guard let text else { continue }
            if numbers(text).contains(where: { !$0.isFinite || abs($0) > largestDisplayValue }) {
                problems.append("\(tag) \(name) \(PrintableText.clean(text.trimmedSpaces)) is not a finite number a display value can hold")
            }
        }
        let largestStored = pow(2, Double(min(max(bitsStored, 1), 64)))
        if problems.isEmpty, abs(slope) * largestStored + abs(intercept) > largestDisplayValue {
            problems.append("(0028,1053) RescaleSlope \(slope) with RescaleIntercept \(intercept) takes stored values beyond any display value")
        }
        return problems
    }

    static func spacing(_ values: [Double]) -> PixelSpacing? {
        guard values.count >= 2, values[0] > 0, values[1] > 0, values[0].isFinite, values[1].isFinite else { return nil }
        return PixelSpacing(row: values[0], column: values[1])
    }

    /// LUT items of a sequence. The descriptor's first-mapped value is signed (SS) when the input
    /// is signed; DCMTK hands it to us as 16 bits either way. 0 entries means 65536 (PS3.3 C.11.1.1).
    static func lookupTables(_ file: DicomFile, _ sequence: DicomTag, signedInput: Bool) -> [LookupTable] {
        (0..<file.itemCount(sequence)).compactMap { item in
            guard let descriptor = file.words(in: sequence, item: item, .lutDescriptor), descriptor.count >= 3,
                  var data = file.words(in: sequence, item: item, .lutData), !data.isEmpty else { return nil }
            let count = descriptor[0] == 0 ? 65536 : Int(descriptor[0])
            let first = signedInput ? Int(Int16(bitPattern: descriptor[1])) : Int(descriptor[1])
            let bits = Int(descriptor[2])
            // 8-bit entries packed two per word (a historical encoding) unpack to one per entry.
            if bits <= 8, data.count * 2 == count { data = data.flatMap { [$0 & 0xFF, $0 >> 8] } }
            guard data.count >= count else { return nil }
            let explanation = PrintableText.clean(file.string(in: sequence, item: item, .lutExplanation) ?? "")
            return LookupTable(firstMapped: first, bitsPerEntry: bits, entries: Array(data.prefix(count)), explanation: explanation)
        }
    }
}
