// Mammography facts derived from a header, with the fallbacks real files need (CBIS-DDSM keeps
// the side in Laterality and the view in PatientOrientation; others only say it in text).
import MammoCore

/// Where a derived fact came from, so `info` can say how sure we are.
public enum AttributeSource: String, Codable, Sendable {
    case imageLaterality = "ImageLaterality"
    case laterality = "Laterality"
    case viewPosition = "ViewPosition"
    case viewCodeSequence = "ViewCodeSequence"
    case patientOrientation = "PatientOrientation"
    case seriesDescription = "SeriesDescription"
    case protocolName = "ProtocolName"
    case fileName = "file name"
}

/// How a stored image must be flipped to hang in the standard orientation: right breast with the
/// chest wall on the right edge, left breast with it on the left; lateral (CC) or superior (MLO) up.
public struct DisplayFlip: Hashable, Codable, Sendable {
    public var horizontal: Bool
    public var vertical: Bool
    /// False when PatientOrientation did not say; the image content must then decide.
    public var fromOrientation: Bool
    public init(horizontal: Bool, vertical: Bool, fromOrientation: Bool) {
        self.horizontal = horizontal; self.vertical = vertical; self.fromOrientation = fromOrientation
    }
}

extension DicomHeader {
    public var side: Side? { sideWithSource?.side }

    public var sideWithSource: (side: Side, source: AttributeSource)? {
        if let side = Side(dicomCode: imageLaterality) { return (side, .imageLaterality) }
        if let side = Side(dicomCode: laterality) { return (side, .laterality) }
        if let side = Self.sideInText(seriesDescription) { return (side, .seriesDescription) }
        if let side = Self.sideInText(protocolName) { return (side, .protocolName) }
        if let side = Self.sideInText(Self.fileStem(path)) { return (side, .fileName) }
        return nil
    }

    public var view: ViewPosition? { viewWithSource?.view }

    public var viewWithSource: (view: ViewPosition, source: AttributeSource)? {
        if !viewPosition.isEmpty, let view = ViewPosition(rawValue: viewPosition) { return (view, .viewPosition) }
        if let code = viewCode, let view = ViewPosition(snomedCode: code.value) { return (view, .viewCodeSequence) }
        // CBIS-DDSM writes the view where the orientation belongs: PatientOrientation "CC" / "MLO".
        for value in patientOrientation where value.count >= 2 {
            if let view = ViewPosition(rawValue: value) { return (view, .patientOrientation) }
        }
        if !viewPosition.isEmpty, let view = ViewPosition(dicomCode: viewPosition) { return (view, .viewPosition) }
        if let code = viewCode, let view = ViewPosition(dicomCode: code.meaning) ?? Self.viewInMeaning(code.meaning) {
            return (view, .viewCodeSequence)
        }
        if let view = ViewPosition(dicomCode: seriesDescription) { return (view, .seriesDescription) }
        if let view = ViewPosition(dicomCode: protocolName) { return (view, .protocolName) }
        if let view = ViewPosition(dicomCode: Self.fileStem(path)) { return (view, .fileName) }
        return nil
    }

    public var viewKey: ViewKey? {
        guard let side, let view else { return nil }
        return ViewKey(side: side, view: view)
    }

    public var presentationIntent: PresentationIntent? { PresentationIntent(rawValue: presentationIntentType) }

    public var implantPresent: Bool? {
        switch breastImplantPresent {
        case "YES": true
        case "NO": false
        default: nil
        }
    }

    /// MONOCHROME1: low values are white; display inverts it.
    public var isMonochrome1: Bool { photometricInterpretation == "MONOCHROME1" }

    /// The physical pixel size: Imager Pixel Spacing for projection radiography, else Pixel Spacing.
    public var spacing: PixelSpacing? { imagerPixelSpacing ?? pixelSpacing }

    /// The flips that bring this image into the standard hanging orientation, from
    /// PatientOrientation when it holds real directions (A/P, H/F, L/R).
    public var displayFlip: DisplayFlip {
        guard let side else { return DisplayFlip(horizontal: false, vertical: false, fromOrientation: false) }
        let directions = patientOrientation.filter { $0.allSatisfy { "APHFLR".contains($0) } && !$0.isEmpty }
        guard directions.count == 2 else {
            return DisplayFlip(horizontal: false, vertical: false, fromOrientation: false)
        }
        let row = directions[0], column = directions[1]
        // Rightward along a row must point posterior (towards the chest wall) for a right breast,
        // anterior for a left breast.
        let horizontal: Bool
        if row.contains("A") { horizontal = side == .right } else if row.contains("P") { horizontal = side == .left } else { horizontal = false }
        // Downward: towards the feet on MLO; medial on CC (towards L for a right breast).
        let vertical: Bool
        if row.contains("A") || row.contains("P") {
            if column.contains("H") {
                vertical = true
            } else if column.contains("F") {
                vertical = false
            } else {
                vertical = column.contains(side == .right ? "R" : "L")
            }
        } else {
            vertical = false
        }
        return DisplayFlip(horizontal: horizontal, vertical: vertical, fromOrientation: true)
    }

    /// A condensed, printable summary for the library.
    /// Patient and study follow `examGrouping`, so dataset conventions are undone here.
    public func summary(fileSize: Int64 = 0, fileModified: Double = 0) -> ImageSummary {
        let exam = examGrouping
        return ImageSummary(
            path: path, fileSize: fileSize, fileModified: fileModified,
            sopInstanceUID: sopInstanceUID, sopClassUID: sopClassUID,
            seriesInstanceUID: seriesInstanceUID, studyInstanceUID: exam.studyInstanceUID,
            patientID: exam.patientID, patientName: PrintableText.personName(exam.patientName),
            patientBirthDate: patientBirthDate, studyDate: studyDate, studyTime: studyTime,
            studyDescription: studyDescription, accessionNumber: accessionNumber,
            seriesDescription: seriesDescription, seriesNumber: seriesNumber, instanceNumber: instanceNumber,
            modality: modality, rows: rows, columns: columns, side: side, view: view,
            presentationIntent: presentationIntent, implantPresent: implantPresent
        )
    }

    // MARK: - Text fallbacks

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    /// "LEFT", "RIGHT", or a lone R/L token, or a token like "LCC"/"RMLO"/"L_CC".
    static func sideInText(_ text: String) -> Side? {
        let tokens = text.uppercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        for token in tokens {
            if token == "RIGHT" || token == "R" { return .right }
            if token == "LEFT" || token == "L" { return .left }
            if token.count > 1, let key = ViewKey(label: token) { return key.side }
        }
        return nil
    }

    static func viewInMeaning(_ meaning: String) -> ViewPosition? {
        let text = meaning.lowercased()
        if text.contains("medio-lateral oblique") || text.contains("mediolateral oblique") { return .mlo }
        if text.contains("cranio-caudal") || text.contains("craniocaudal") { return .cc }
        return nil
    }
}
