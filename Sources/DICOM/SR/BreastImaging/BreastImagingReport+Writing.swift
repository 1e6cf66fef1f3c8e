// The report as a TID 4200 content tree (PS3.16), and the template rules dcmsr does not check,
// checked before anything is written (validate): a reader, a BI-RADS category for every
// assessed breast, images to refer to, and every coded value from its context group.
//
// 1        CONTAINER  Breast Imaging Report (TID 4200)
// 1.1      HAS CONCEPT MOD  Language of Content Item and Descendants = English (TID 1204)
// 1.2      HAS OBS CONTEXT  Observer Type = Person (TID 1001 > TID 1002)
// 1.3      HAS OBS CONTEXT  Person Observer Name = the reader's id
// 1.4      CONTAINS   Impressions (TID 4202 Breast Imaging Report Narrative, CID 6052)
// 1.4.1    CONTAINS   TEXT Impression (CID 6053): the decision in words, with the suspicion
// 1.4.1.n  INFERRED FROM  IMAGE per view read
// 1.5      CONTAINS   Supplementary Data (TID 4208)
// 1.5.1    CONTAINS   Procedure reported = breast - bilateral mammogram (TID 4201, CID 6050)
// 1.5.1.1  HAS PROPERTIES  Indications for Procedure = Screening (CID 6051)
// 1.5.2    CONTAINS   Breast composition (TID 4205), when a density was given:
//                     CONTAINS Breast composition = CID 6000 code > HAS CONCEPT MOD Laterality (CID 6022)
// 1.5.n    CONTAINS   Overall Assessment (TID 4203) per assessed breast:
//                     CONTAINS Assessment Category = CID 6027 code > HAS CONCEPT MOD Laterality
// 1.5.last CONTAINS   Overall Assessment (TID 4203) of the exam: the more worrisome breast's category
//                     (Laterality Both breasts when both were assessed) and CONTAINS Recommended
//                     Follow-up (CID 6028) from the recall call
import MammoCore

extension BreastImagingReport {
    /// A template rule the report breaks; nothing is written. `item` is the content item's
    /// position ("1.5.3.1") when the rule is about one.
    public struct TemplateViolation: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var item: String?
        public var description: String { item.map { "content item \($0): \(reason)" } ?? reason }
    }

    /// Checks the rules of TID 4200–4208 that dcmsr leaves to the writer, on the report and then
    /// on the tree it makes.
    public func validate() throws(TemplateViolation) {
        let name = reader.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw TemplateViolation(reason: "Person Observer Name (TID 1002) needs the reader's id") }
        // A PN value: one component group of at most 64 characters, no group or value delimiter.
        guard observerName.count <= 64, !name.contains(where: { $0 == "\\" || $0 == "=" || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) else {
            throw TemplateViolation(reason: "the reader's id \"\(PrintableText.clean(name))\" is not a DICOM person name (at most 64 characters, no \\ or =)")
        }
        guard breasts.contains(where: { $0.assessment.birads != nil }) else {
            throw TemplateViolation(reason: "no breast has a BI-RADS category; TID 4203 needs an Assessment Category")
        }
        for breast in breasts where breast.assessment.birads == nil {
            throw TemplateViolation(reason: "the \(breast.side == .right ? "right" : "left") breast has a density but no BI-RADS category (TID 4203 Assessment Category is mandatory)")
        }
        guard (0...100).contains(suspicion) else { throw TemplateViolation(reason: "suspicion \(suspicion) is outside 0–100") }
        guard !images.isEmpty else { throw TemplateViolation(reason: "no image of the study to refer to (TID 4202 IMAGE)") }
        var seen: Set<String> = []
        for image in images {
            guard !image.sopClassUID.isEmpty, !image.sopInstanceUID.isEmpty else {
                throw TemplateViolation(reason: "an image without its SOP class or instance UID")
            }
            guard seen.insert(image.sopInstanceUID).inserted else {
                throw TemplateViolation(reason: "image \(image.sopInstanceUID) is referred to twice")
            }
        }
        try Self.checkCodes(contentTree)
    }

    /// Every coded value where the template puts it comes from its context group, and every
    /// Overall Assessment holds one Assessment Category with one laterality, no side twice.
    static func checkCodes(_ tree: SRContentTree) throws(TemplateViolation) {
        guard let root = tree.root, tree[root].concept.map({ $0.means(.breastImagingReport) }) == true else {
            throw TemplateViolation(reason: "the root is not a Breast Imaging Report", item: "1")
        }
        func member(_ code: SRCode, of group: Set<SRCode>) -> Bool { group.contains { $0.means(code) } }
        let groups: [(concept: SRCode, values: Set<SRCode>, cid: String)] = [
            (.assessmentCategory, SRCode.mammographyAssessments, "CID 6027 Assessment from BI-RADS"),
            (.breastComposition, SRCode.breastCompositions, "CID 6000 Overall Breast Composition"),
            (.laterality, SRCode.breastSides, "CID 6022 Side"),
            (.recommendedFollowUp, SRCode.screeningFollowUps, "CID 6028 Mammography Recommended Follow-up"),
            (.procedureReported, [.bilateralMammogram], "CID 6050 Breast Procedure Reported"),
        ]
        for (index, item) in tree.items.enumerated() {
            guard case .code(let value) = item.value, let concept = item.concept,
                  let group = groups.first(where: { $0.concept.means(concept) }) else { continue }
            guard member(value, of: group.values) else {
                throw TemplateViolation(reason: "\(concept.meaning) \(value) is not in \(group.cid)", item: tree.position(of: index))
            }
        }
        var sides: Set<String> = []
        for index in tree.items.indices where tree[index].concept.map({ $0.means(.overallAssessment) }) == true {
            let categories = tree.children(of: index, named: .assessmentCategory, .contains)
            guard categories.count == 1, let category = categories.first else {
                throw TemplateViolation(reason: "an Overall Assessment needs exactly one Assessment Category, not \(categories.count)", item: tree.position(of: index))
            }
            let lateralities = tree.children(of: category, named: .laterality, .hasConceptModifier)
            guard lateralities.count == 1, let laterality = lateralities.first, case .code(let side) = tree[laterality].value else {
                throw TemplateViolation(reason: "an Assessment Category needs one Laterality", item: tree.position(of: category))
            }
            // The exam's own assessment (the one with the follow-up) may repeat a breast's side.
            if tree.firstChild(of: index, named: .recommendedFollowUp) == nil, !sides.insert(side.value).inserted {
                throw TemplateViolation(reason: "\(side.meaning) is assessed twice", item: tree.position(of: category))
            }
        }
    }

    /// The content tree (validate() first).
    public var contentTree: SRContentTree {
        var tree = SRContentTree()
        let root = tree.add(.root, .breastImagingReport, .container(template: "4200"), under: nil)
        tree.add(.hasConceptModifier, .languageOfContent, .code(.english), under: root)
        tree.add(.hasObservationContext, .observerType, .code(.person), under: root)
        tree.add(.hasObservationContext, .personObserverName, .personName(observerName), under: root)

        let narrative = tree.add(.contains, .impressions, .container(template: "4202"), under: root)
        let impression = tree.add(.contains, .impression, .text(narrativeText), under: narrative)
        for image in images {
            tree.add(.inferredFrom, nil, .image(sopClassUID: image.sopClassUID, sopInstanceUID: image.sopInstanceUID), under: impression)
        }

        let data = tree.add(.contains, .supplementaryData, .container(template: "4208"), under: root)
        let procedure = tree.add(.contains, .procedureReported, .code(.bilateralMammogram), under: data)
        tree.add(.hasProperties, .indicationsForProcedure, .code(.screening), under: procedure)

        if breasts.contains(where: { $0.assessment.density != nil }) {
            let composition = tree.add(.contains, .breastComposition, .container(template: "4205"), under: data)
            for breast in breasts {
                guard let density = breast.assessment.density else { continue }
                let item = tree.add(.contains, .breastComposition, .code(.composition(density)), under: composition)
                tree.add(.hasConceptModifier, .laterality, .code(breast.code), under: item)
            }
        }
        let assessed = breasts.compactMap { breast in breast.assessment.birads.map { (birads: $0, code: breast.code) } }
        for breast in assessed {
            let assessment = tree.add(.contains, .overallAssessment, .container(template: "4203"), under: data)
            let category = tree.add(.contains, .assessmentCategory, .code(.assessment(breast.birads)), under: assessment)
            tree.add(.hasConceptModifier, .laterality, .code(breast.code), under: category)
        }
        if let exam = examBIRADS {
            let assessment = tree.add(.contains, .overallAssessment, .container(template: "4203"), under: data)
            let category = tree.add(.contains, .assessmentCategory, .code(.assessment(exam)), under: assessment)
            let side: SRCode = assessed.count == 2 ? .bothBreasts : (assessed.first?.code ?? .bothBreasts)
            tree.add(.hasConceptModifier, .laterality, .code(side), under: category)
            tree.add(.contains, .recommendedFollowUp, .code(recommendedFollowUp), under: assessment)
        }
        return tree
    }

    /// The decision in words, for a person reading the report in any SR viewer.
    var narrativeText: String {
        func breast(_ name: String, _ assessment: BreastAssessment) -> String? {
            var parts: [String] = []
            if let birads = assessment.birads { parts.append("BI-RADS \(birads.rawValue) (\(birads.meaning))") }
            if let density = assessment.density { parts.append("composition \(density.rawValue) (\(density.meaning))") }
            return parts.isEmpty ? nil : "\(name): " + parts.joined(separator: ", ") + "."
        }
        let lines = [
            "Screening mammography, final decision of reader \(PrintableText.clean(reader)) (\(readingProtocol) protocol), submitted \(submittedAt.text).",
            breast("Right breast", right), breast("Left breast", left),
            aiShown.isEmpty ? "No AI output was shown to the reader." : "AI output shown to the reader: \(aiShown).",
            recall ? "Recall for further work-up." : "No recall.",
            "Reader's suspicion score: \(suspicion) of 100.",
        ]
        return lines.compactMap { $0 }.joined(separator: "\n")
    }
}
