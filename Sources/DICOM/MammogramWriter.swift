// Writes Digital Mammography X-Ray Image – For Presentation files (PS3.3 A.26) that dcmdump
// and pydicom read cleanly: 16-bit MONOCHROME2 with laterality, view codes, orientation, window.
import CDCMTK
import Foundation
import MammoCore

public enum MammogramWriter {
    public static let forPresentationSOPClass = "1.2.840.10008.5.1.4.1.1.1.2"

    public static func write(
        _ image: GrayImage<UInt16>, metadata m: MammogramMetadata, to path: String,
        compression: DicomCompression = .none
    ) throws(DicomError) {
        func number(_ value: Double) -> String {
            // DS allows 16 characters; 6 decimals are plenty for mm, N and grey levels.
            var text = String(format: "%.6f", value)
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return String(text.prefix(16))
        }
        let now = Date()
        let contentDate = m.studyDate.isEmpty ? Self.dicomDate(now) : m.studyDate
        let contentTime = m.studyTime.isEmpty ? "000000" : m.studyTime
        let view = m.viewKey.view.snomed
        let spacing = "\(number(m.pixelSpacing.row))\\\(number(m.pixelSpacing.column))"
        var attributes: [(DicomTag, String)] = [
            (.specificCharacterSet, "ISO_IR 192"),
            (.imageType, "ORIGINAL\\PRIMARY"),
            (.sopClassUID, forPresentationSOPClass),
            (.sopInstanceUID, m.sopInstanceUID),
            (.studyDate, m.studyDate), (.seriesDate, m.studyDate), (.contentDate, contentDate),
            (.studyTime, m.studyTime), (.seriesTime, m.studyTime), (.contentTime, contentTime),
            (.accessionNumber, m.accessionNumber),
            (.modality, "MG"),
            (.presentationIntentType, "FOR PRESENTATION"),
            (.manufacturer, m.manufacturer),
            (.referringPhysicianName, ""),
            (.studyDescription, m.studyDescription),
            (.seriesDescription, "\(m.viewKey.label) \(m.viewKey.side == .right ? "right" : "left") \(view.meaning)"),
            (.patientName, m.patientName),
            (.patientID, m.patientID),
            (.patientBirthDate, m.patientBirthDate),
            (.patientSex, "F"),
            (.bodyPartExamined, "BREAST"),
            (.kvp, number(m.kvp)),
            (.imagerPixelSpacing, spacing),
            (.positionerType, "MAMMOGRAPHIC"),
            (.detectorType, "DIRECT"),
            (.viewPosition, m.viewKey.view.rawValue),
            (.studyInstanceUID, m.studyInstanceUID),
            (.seriesInstanceUID, m.seriesInstanceUID),
            (.studyID, String(m.accessionNumber.suffix(16))),
            (.seriesNumber, String(m.seriesNumber)),
            (.instanceNumber, String(m.instanceNumber)),
            (.patientOrientation, m.patientOrientation),
            (.imageLaterality, m.viewKey.side.rawValue),
            (.pixelSpacing, spacing),
            (.burnedInAnnotation, "NO"),
            (.pixelIntensityRelationship, "LOG"),
            (.pixelIntensityRelationshipSign, "1"),
            (.windowCenter, number(m.windowCenter)),
            (.windowWidth, number(max(m.windowWidth, 1))),
            (.rescaleIntercept, "0"),
            (.rescaleSlope, "1"),
            (.rescaleType, "US"),
            (.windowCenterWidthExplanation, "NORMAL"),
            (.voiLUTFunction, "LINEAR"),
            (.lossyImageCompression, "00"),
            (.breastImplantPresent, m.implantPresent ? "YES" : "NO"),
            // Type 1 in the DX Image and Mammography Image modules (PS3.3 C.8.11.3, C.8.11.7).
            (.presentationLUTShape, "IDENTITY"),
            (.organExposed, "BREAST"),
        ]
        if let thickness = m.bodyPartThickness { attributes.append((.bodyPartThickness, number(thickness))) }
        if let force = m.compressionForce { attributes.append((.compressionForce, number(force))) }
        // The acquisition context a monitor groups by: site, system, dose.
        if !m.institutionName.isEmpty { attributes.append((.institutionName, m.institutionName)) }
        if !m.manufacturerModelName.isEmpty { attributes.append((.manufacturerModelName, m.manufacturerModelName)) }
        if !m.softwareVersions.isEmpty { attributes.append((.softwareVersions, m.softwareVersions)) }
        if let mAs = m.exposureMAs {
            attributes.append((.exposure, String(mAs)))
            attributes.append((.exposureInuAs, String(mAs * 1000)))
        }
        if let age = m.patientAge { attributes.append((.patientAge, age)) }

        let codes: [(DicomTag, String, String, String)] = [
            (.viewCodeSequence, view.code, "SCT", view.meaning),
            (.anatomicRegionSequence, "76752008", "SCT", "Breast"),
        ]
        // Type 2 and empty for a plain screening view: no view modifier (spot, magnification)
        // inside the view's item, and no acquisition context recorded (PS3.3 C.8.11.7, C.7.6.14).
        let emptySequences: [DicomTag] = [.acquisitionContextSequence]
        let mode: Int32 = switch compression {
        case .none: Int32(MT_COMPRESSION_NONE)
        case .rle: Int32(MT_COMPRESSION_RLE)
        case .jpegLS: Int32(MT_COMPRESSION_JPEG_LS)
        }
        guard image.width > 0, image.height > 0, image.width <= 65535, image.height <= 65535 else {
            throw DicomError(path: path, tag: "(0028,0010)", reason: "cannot write a \(image.width)x\(image.height) image")
        }

        var status = mt_status()
        // Keep every C string alive for the duration of the call.
        let strings = attributes.map { strdup($0.1) } + codes.flatMap { [strdup($0.1), strdup($0.2), strdup($0.3)] }
        defer { strings.forEach { free($0) } }
        var cAttributes = attributes.enumerated().map { index, entry in
            mt_attribute(group: entry.0.group, element: entry.0.element, value: strings[index])
        }
        var cCodes = codes.enumerated().map { index, entry in
            let base = attributes.count + index * 3
            let inside: DicomTag? = entry.0 == .viewCodeSequence ? .viewModifierCodeSequence : nil
            return mt_code(seq_group: entry.0.group, seq_element: entry.0.element,
                           value: strings[base], scheme: strings[base + 1], meaning: strings[base + 2],
                           empty_group: inside?.group ?? 0, empty_element: inside?.element ?? 0)
        } + emptySequences.map {
            mt_code(seq_group: $0.group, seq_element: $0.element, value: nil, scheme: nil, meaning: nil, empty_group: 0, empty_element: 0)
        }
        let ok = image.pixels.withUnsafeBufferPointer { pixels in
            mt_write_image16(path, pixels.baseAddress, Int32(image.height), Int32(image.width), Int32(m.bitsStored),
                             &cAttributes, cAttributes.count, &cCodes, cCodes.count, mode, &status)
        }
        guard ok == 1 else { throw DicomError(path: path, tag: DicomFile.tag(status), reason: DicomFile.message(status)) }
    }

    static func dicomDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd"
        return formatter.string(from: date)
    }
}
