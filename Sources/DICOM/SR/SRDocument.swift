// A structured report: its header and its content tree, read from a file through dcmsr or
// written to one. A file that is not an SR, or that DCMTK cannot parse, is a DicomError naming
// the file; what the tree means (a template) is for the template readers to decide.
import CDCMTK
import MammoCore

public struct SRDocument: Hashable, Sendable {
    /// The SR document classes mammoterm writes (PS3.4 B.5).
    public enum DocumentClass: Sendable {
        case mammographyCAD, enhanced, comprehensive

        public var sopClassUID: String {
            switch self {
            case .mammographyCAD: SRDocument.mammographyCADSOPClass
            case .enhanced: "1.2.840.10008.5.1.4.1.1.88.22"
            case .comprehensive: "1.2.840.10008.5.1.4.1.1.88.33"
            }
        }

        var shim: Int32 {
            switch self {
            case .mammographyCAD: Int32(MT_SR_MAMMOGRAPHY_CAD)
            case .enhanced: Int32(MT_SR_ENHANCED)
            case .comprehensive: Int32(MT_SR_COMPREHENSIVE)
            }
        }
    }

    /// An instance the report draws on (Current Requested Procedure Evidence Sequence).
    public struct Evidence: Hashable, Sendable {
        public var studyInstanceUID: String
        public var seriesInstanceUID: String
        public var sopClassUID: String
        public var sopInstanceUID: String
        public init(studyInstanceUID: String, seriesInstanceUID: String, sopClassUID: String, sopInstanceUID: String) {
            self.studyInstanceUID = studyInstanceUID
            self.seriesInstanceUID = seriesInstanceUID
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
        }
    }

    public static let mammographyCADSOPClass = "1.2.840.10008.5.1.4.1.1.88.50"

    /// Whether a SOP class is one of the structured report storage classes (1.2.840.10008.5.1.4.1.1.88.*).
    public static func isStructuredReport(sopClassUID: String) -> Bool {
        sopClassUID.hasPrefix("1.2.840.10008.5.1.4.1.1.88.")
    }

    public var header: SRDocumentHeader
    public var tree: SRContentTree

    public init(header: SRDocumentHeader, tree: SRContentTree) {
        self.header = header
        self.tree = tree
    }

    /// Reads the header and the whole content tree of `path`.
    public static func read(path: String) throws(DicomError) -> SRDocument {
        let file = try DicomFile(path: path, headerOnly: false)
        let header = SRDocumentHeader(file.collect(SRDocumentHeader.read))
        guard isStructuredReport(sopClassUID: header.sopClassUID) else {
            throw DicomError(path: path, tag: "(0008,0016)", reason: "SOP class \(header.sopClassUID) is not a structured report", kind: .unsupported)
        }
        var status = mt_status()
        guard let document = mt_sr_read(FileName.bytes(path), &status) else {
            throw DicomError(path: path, tag: DicomFile.tag(status), reason: DicomFile.message(status), kind: .malformed)
        }
        defer { mt_sr_close(document) }
        var tree = SRContentTree()
        for index in 0..<mt_sr_item_count(document) {
            var raw = mt_sr_item()
            guard mt_sr_get_item(document, index, &raw) == 1 else { break }
            tree.append(Self.item(raw))
        }
        guard !tree.items.isEmpty else {
            throw DicomError(path: path, tag: "(0040,A730)", reason: "the report has no content tree", kind: .malformed)
        }
        return SRDocument(header: header, tree: tree)
    }

    /// Writes the report as a Part 10 file (explicit VR little endian). Template rules are the
    /// caller's to check first; dcmsr refuses what the IOD forbids, naming the item's position.
    public func write(to path: String, as documentClass: DocumentClass, evidence: [Evidence], complete: Bool = true,
                      verifyingObserver: String? = nil, organization: String = "") throws(DicomError) {
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { strings.forEach { free($0) } }
        func keep(_ text: String?) -> UnsafePointer<CChar>? {
            guard let text else { return nil }
            let copy = strdup(text)
            strings.append(copy)
            return UnsafePointer(copy)
        }
        func code(_ code: SRCode?) -> mt_sr_code {
            mt_sr_code(value: keep(code?.value), scheme: keep(code?.scheme), meaning: keep(code?.meaning))
        }
        var pointStore: [UnsafeMutablePointer<Float>] = []
        defer { pointStore.forEach { $0.deallocate() } }
        var items: [mt_sr_item] = []
        for item in tree.items {
            var raw = mt_sr_item()
            raw.parent = Int32(item.parent ?? -1)
            raw.relationship = Self.shim(item.relationship)
            raw.concept = code(item.concept)
            raw.reference = -1
            switch item.value {
            case .container(let template):
                raw.value_type = Int32(MT_SR_CONTAINER); raw.text = keep(template)
            case .text(let value): raw.value_type = Int32(MT_SR_TEXT); raw.text = keep(value)
            case .dateTime(let value): raw.value_type = Int32(MT_SR_DATETIME); raw.text = keep(value)
            case .date(let value): raw.value_type = Int32(MT_SR_DATE); raw.text = keep(value)
            case .time(let value): raw.value_type = Int32(MT_SR_TIME); raw.text = keep(value)
            case .uid(let value): raw.value_type = Int32(MT_SR_UIDREF); raw.text = keep(value)
            case .personName(let value): raw.value_type = Int32(MT_SR_PNAME); raw.text = keep(value)
            case .code(let value): raw.value_type = Int32(MT_SR_CODE); raw.code = code(value)
            case .number(let value, let unit):
                raw.value_type = Int32(MT_SR_NUM); raw.text = keep(value); raw.code = code(unit)
            case .coordinates(let type, let points):
                raw.value_type = Int32(MT_SR_SCOORD); raw.graphic_type = keep(type.rawValue)
                let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(points.count * 2, 1))
                pointStore.append(buffer)
                for (i, point) in points.enumerated() { buffer[2 * i] = Float(point.x); buffer[2 * i + 1] = Float(point.y) }
                raw.points = UnsafePointer(buffer); raw.point_count = points.count
            case .image(let sopClass, let sopInstance):
                raw.value_type = Int32(MT_SR_IMAGE); raw.sop_class = keep(sopClass); raw.sop_instance = keep(sopInstance)
            case .composite(let sopClass, let sopInstance):
                raw.value_type = Int32(MT_SR_COMPOSITE); raw.sop_class = keep(sopClass); raw.sop_instance = keep(sopInstance)
            case .reference(let target):
                raw.value_type = Int32(MT_SR_BY_REFERENCE); raw.reference = Int32(target ?? -1)
            case .other(let name):
                throw DicomError(path: path, reason: "cannot write a \(name) content item", kind: .write)
            }
            items.append(raw)
        }
        let attributes = header.written
        let cAttributes = attributes.map { mt_attribute(group: $0.0.group, element: $0.0.element, value: keep($0.1)) }
        let cEvidence = evidence.map {
            mt_sr_evidence(study_instance_uid: keep($0.studyInstanceUID), series_instance_uid: keep($0.seriesInstanceUID),
                           sop_class_uid: keep($0.sopClassUID), sop_instance_uid: keep($0.sopInstanceUID))
        }
        var status = mt_status()
        let ok = mt_sr_write(FileName.bytes(path), documentClass.shim, items, items.count, cAttributes, cAttributes.count,
                             cEvidence, cEvidence.count, complete ? 1 : 0, keep(verifyingObserver), keep(organization), &status)
        guard ok == 1 else {
            var tag = DicomFile.tag(status)
            // "item N" from the shim: say the item's position in the tree instead.
            if let text = tag, text.hasPrefix("item "), let index = Int(text.dropFirst(5)), tree.items.indices.contains(index) {
                tag = "content item \(tree.position(of: index))"
            }
            throw DicomError(path: path, tag: tag, reason: DicomFile.message(status), kind: .write)
        }
    }

    static func shim(_ relationship: SRContentItem.Relationship) -> Int32 {
        switch relationship {
        case .root: Int32(MT_SR_ROOT)
        case .contains: Int32(MT_SR_CONTAINS)
        case .hasProperties: Int32(MT_SR_HAS_PROPERTIES)
        case .hasObservationContext: Int32(MT_SR_HAS_OBS_CONTEXT)
        case .hasAcquisitionContext: Int32(MT_SR_HAS_ACQ_CONTEXT)
        case .hasConceptModifier: Int32(MT_SR_HAS_CONCEPT_MOD)
        case .inferredFrom: Int32(MT_SR_INFERRED_FROM)
        case .selectedFrom: Int32(MT_SR_SELECTED_FROM)
        case .unknown: Int32(MT_SR_UNKNOWN_RELATIONSHIP)
        }
    }

    static func item(_ raw: mt_sr_item) -> SRContentItem {
        func text(_ pointer: UnsafePointer<CChar>?) -> String {
            guard let pointer else { return "" }
            return PrintableText.clean(DicomText.decode(bytes: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))))
        }
        func code(_ raw: mt_sr_code) -> SRCode? {
            let value = text(raw.value), scheme = text(raw.scheme)
            guard !value.isEmpty || !scheme.isEmpty else { return nil }
            return SRCode(value, scheme, text(raw.meaning))
        }
        let relationship: SRContentItem.Relationship = switch Int(raw.relationship) {
        case Int(MT_SR_ROOT): .root
        case Int(MT_SR_CONTAINS): .contains
        case Int(MT_SR_HAS_PROPERTIES): .hasProperties
        case Int(MT_SR_HAS_OBS_CONTEXT): .hasObservationContext
        case Int(MT_SR_HAS_ACQ_CONTEXT): .hasAcquisitionContext
        case Int(MT_SR_HAS_CONCEPT_MOD): .hasConceptModifier
        case Int(MT_SR_INFERRED_FROM): .inferredFrom
        case Int(MT_SR_SELECTED_FROM): .selectedFrom
        default: .unknown
        }
        let none = SRCode("", "", "")
        let value: SRContentItem.Value = switch Int(raw.value_type) {
        case Int(MT_SR_CONTAINER): .container(template: text(raw.text).isEmpty ? nil : text(raw.text))
        case Int(MT_SR_TEXT): .text(text(raw.text))
        case Int(MT_SR_CODE): .code(code(raw.code) ?? none)
        case Int(MT_SR_NUM): .number(text(raw.text).trimmingCharacters(in: .whitespaces), unit: code(raw.code) ?? none)
        case Int(MT_SR_SCOORD):
            .coordinates(SRContentItem.GraphicType(rawValue: text(raw.graphic_type)) ?? .point,
                         (0..<raw.point_count).compactMap { i in
                             guard let points = raw.points else { return nil }
                             return PixelPoint(x: Double(points[2 * i]), y: Double(points[2 * i + 1]))
                         })
        case Int(MT_SR_IMAGE): .image(sopClassUID: text(raw.sop_class), sopInstanceUID: text(raw.sop_instance))
        case Int(MT_SR_COMPOSITE): .composite(sopClassUID: text(raw.sop_class), sopInstanceUID: text(raw.sop_instance))
        case Int(MT_SR_DATETIME): .dateTime(text(raw.text))
        case Int(MT_SR_DATE): .date(text(raw.text))
        case Int(MT_SR_TIME): .time(text(raw.text))
        case Int(MT_SR_UIDREF): .uid(text(raw.text))
        case Int(MT_SR_PNAME): .personName(text(raw.text))
        case Int(MT_SR_BY_REFERENCE): .reference(raw.reference >= 0 ? Int(raw.reference) : nil)
        default: .other(text(raw.text))
        }
        return SRContentItem(parent: raw.parent >= 0 ? Int(raw.parent) : nil, relationship: relationship,
                             concept: code(raw.concept), value: value)
    }
}
