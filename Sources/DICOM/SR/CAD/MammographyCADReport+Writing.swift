// The report as a TID 4000 content tree (PS3.16), and the template rules dcmsr does not check,
// checked before anything is written: certainties and probabilities 0–100, every finding on an
// image of the Image Library with coordinates inside it, at least one image, the root concept.
//
// 1        CONTAINER  Mammography CAD Report (TID 4000)
// 1.1      HAS CONCEPT MOD  Language of Content Item and Descendants = English (TID 1204)
// 1.2      CONTAINS   Image Library > CONTAINS IMAGE per view, each with HAS ACQ CONTEXT
//                     laterality, view, study date, pixel spacing (TID 4020)
// 1.3      CONTAINS   CAD Processing and Findings Summary = with / without findings (TID 4001)
// 1.3.1    HAS PROPERTIES  Impression Description (the exam score against its threshold, in words),
//                     Probability of cancer (%), CAD Operating Point / Recommended / Maximum (TID 4002)
// 1.3.n    INFERRED FROM  Individual Impression/Recommendation (TID 4003): Rendering Intent, then
//                     a Composite Feature (TID 4004) whose INFERRED FROM children are the pair's
//                     Single Image Findings, or one Single Image Finding (TID 4006) alone
//          Single Image Finding = finding type; HAS CONCEPT MOD Rendering Intent; HAS PROPERTIES
//                     Algorithm Name, Version, Parameters (TID 4019), Certainty of Finding (%),
//                     Probability of cancer (%), Center (SCOORD POINT), Outline (SCOORD POLYLINE),
//                     each SCOORD SELECTED FROM its Image Library entry by reference
// 1.4      CONTAINS   Summary of Detections = Succeeded > INFERRED FROM Successful Detections (TID 4015)
// 1.5      CONTAINS   Summary of Analyses = Not Attempted
import MammoCore

extension MammographyCADReport {
    /// A template rule the report breaks; nothing is written.
    public struct TemplateViolation: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { reason }
    }

    /// Checks the rules of TID 4000 that dcmsr leaves to the writer.
    public func validate() throws(TemplateViolation) {
        guard !images.isEmpty else { throw TemplateViolation(reason: "the Image Library needs at least one image") }
        guard !algorithmName.isEmpty, !algorithmVersion.isEmpty else {
            throw TemplateViolation(reason: "Algorithm Name and Algorithm Version are required (TID 4019)")
        }
        func percent(_ value: Double?, _ what: String) throws(TemplateViolation) {
            guard let value else { return }
            guard value.isFinite, (0...100).contains(value) else {
                throw TemplateViolation(reason: "\(what) \(value) is outside 0–100 %")
            }
        }
        try percent(examScore.map { $0 * 100 }, "the exam's Probability of cancer")
        try percent(examCertainty, "the exam's certainty")
        try percent(threshold.map { $0 * 100 }, "the Recommended CAD Operating Point")
        for (index, finding) in findings.enumerated() {
            let name = "finding \(index + 1)"
            guard let image = images.first(where: { $0.sopInstanceUID == finding.image }) else {
                throw TemplateViolation(reason: "\(name) is on image \(finding.image), which is not in the Image Library")
            }
            try percent(finding.certainty, "\(name)'s Certainty of Finding")
            try percent(finding.score.map { $0 * 100 }, "\(name)'s Probability of cancer")
            guard finding.center != nil || finding.outline.count >= 2 else {
                throw TemplateViolation(reason: "\(name) has neither a centre nor an outline")
            }
            if let rows = image.rows, let columns = image.columns {
                for point in finding.outline + [finding.center].compactMap({ $0 })
                where !(0...Double(columns)).contains(point.x) || !(0...Double(rows)).contains(point.y) {
                    throw TemplateViolation(reason: "\(name) has point (\(point.x), \(point.y)) outside its \(columns)x\(rows) image")
                }
            }
        }
        let pairs = Dictionary(grouping: findings.compactMap(\.pair), by: { $0 })
        if let odd = pairs.first(where: { $0.value.count < 2 }) {
            throw TemplateViolation(reason: "pair \(odd.key) has one finding; a Composite Feature needs two")
        }
    }

    /// The content tree (validate() first).
    public var contentTree: SRContentTree {
        var tree = SRContentTree()
        let root = tree.add(.root, .mammographyCADReport, .container(template: "4000"), under: nil)
        tree.add(.hasConceptModifier, .languageOfContent, .code(.english), under: root)

        let library = tree.add(.contains, .imageLibrary, .container(template: nil), under: root)
        var entry: [String: Int] = [:]
        for image in images {
            let item = tree.add(.contains, nil, .image(sopClassUID: image.sopClassUID, sopInstanceUID: image.sopInstanceUID), under: library)
            entry[image.sopInstanceUID] = item
            if let view = image.view {
                tree.add(.hasAcquisitionContext, .imageLaterality, .code(view.side == .right ? .right : .left), under: item)
                tree.add(.hasAcquisitionContext, .imageView, .code(view.view == .mlo ? .medioLateralOblique : .cranioCaudal), under: item)
            }
            if !image.studyDate.isEmpty { tree.add(.hasAcquisitionContext, .studyDate, .date(image.studyDate), under: item) }
            if let spacing = image.spacing {
                tree.add(.hasAcquisitionContext, .horizontalPixelSpacing, .number(Self.decimal(spacing.column), unit: .millimetre), under: item)
                tree.add(.hasAcquisitionContext, .verticalPixelSpacing, .number(Self.decimal(spacing.row), unit: .millimetre), under: item)
            }
        }

        let summary = tree.add(.contains, .cadProcessingAndFindingsSummary,
                               .code(findings.isEmpty ? .allAlgorithmsSucceededWithoutFindings : .allAlgorithmsSucceededWithFindings),
                               under: root)
        if let examScore {
            let words = threshold.map { examScore >= $0 ? "at or above" : "below" }
            let description = "Exam score \(Self.decimal(examScore * 100)) %" + (words.map { " (\($0) the operating point \(Self.decimal((threshold ?? 0) * 100)) %)" } ?? "")
            tree.add(.hasProperties, .impressionDescription, .text(description), under: summary)
            tree.add(.hasProperties, .probabilityOfCancer, .number(Self.decimal(examScore * 100), unit: .percent), under: summary)
            // Operating points on the probability's own scale (percent): the exam's, the one the
            // maker recommends (our threshold) and the largest there can be.
            tree.add(.hasProperties, .cadOperatingPoint, .number(Self.decimal(examScore * 100), unit: .noUnits), under: summary)
            if let threshold {
                tree.add(.hasProperties, .recommendedCADOperatingPoint, .number(Self.decimal(threshold * 100), unit: .noUnits), under: summary)
                tree.add(.hasProperties, .maximumCADOperatingPoint, .number("100", unit: .noUnits), under: summary)
            }
        }
        if let examCertainty {
            tree.add(.hasProperties, .certaintyOfFinding, .number(Self.decimal(examCertainty), unit: .percent), under: summary)
        }

        var written: Set<Int> = []
        for (index, finding) in findings.enumerated() where !written.contains(index) {
            let impression = tree.add(.inferredFrom, .individualImpressionRecommendation, .container(template: nil), under: summary)
            tree.add(.hasConceptModifier, .renderingIntent, .code(.presentationRequired), under: impression)
            if let pair = finding.pair {
                let members = findings.indices.filter { findings[$0].pair == pair }
                let feature = tree.add(.contains, .compositeFeature, .code(.findingType(finding.kind ?? members.lazy.compactMap { findings[$0].kind }.first)), under: impression)
                tree.add(.hasConceptModifier, .renderingIntent, .code(.presentationRequired), under: feature)
                tree.add(.hasProperties, .compositeType, .code(.relatedSpatially), under: feature)
                tree.add(.hasProperties, .scopeOfFeature, .code(.featureDetectedOnMultipleImages), under: feature)
                addAlgorithm(to: &tree, under: feature, .hasProperties)
                let certainties = members.compactMap { findings[$0].certainty }
                if let certainty = certainties.min() {
                    tree.add(.hasProperties, .certaintyOfFeature, .number(Self.decimal(certainty), unit: .percent), under: feature)
                }
                if let score = members.compactMap({ findings[$0].score }).max() {
                    tree.add(.hasProperties, .probabilityOfCancer, .number(Self.decimal(score * 100), unit: .percent), under: feature)
                }
                for member in members {
                    addFinding(findings[member], to: &tree, under: feature, .inferredFrom, library: entry)
                    written.insert(member)
                }
            } else {
                addFinding(finding, to: &tree, under: impression, .contains, library: entry)
                written.insert(index)
            }
        }

        let detections = tree.add(.contains, .summaryOfDetections, .code(.succeeded), under: root)
        let successful = tree.add(.inferredFrom, .successfulDetections, .container(template: nil), under: detections)
        let performed = tree.add(.contains, .detectionPerformed, .code(.lesion), under: successful)
        addAlgorithm(to: &tree, under: performed, .hasConceptModifier)
        for image in images { if let target = entry[image.sopInstanceUID] { tree.add(.inferredFrom, nil, .reference(target), under: performed) } }
        tree.add(.contains, .summaryOfAnalyses, .code(.notAttempted), under: root)
        return tree
    }

    func addAlgorithm(to tree: inout SRContentTree, under parent: Int, _ relationship: SRContentItem.Relationship) {
        // TID 4019's three rows are siblings under the item that includes it.
        tree.add(relationship, .algorithmName, .text(algorithmName), under: parent)
        tree.add(relationship, .algorithmVersion, .text(algorithmVersion), under: parent)
        if !algorithmParameters.isEmpty { tree.add(relationship, .algorithmParameters, .text(algorithmParameters), under: parent) }
    }

    func addFinding(_ finding: Finding, to tree: inout SRContentTree, under parent: Int, _ relationship: SRContentItem.Relationship,
                    library: [String: Int]) {
        let item = tree.add(relationship, .singleImageFinding, .code(.findingType(finding.kind)), under: parent)
        tree.add(.hasConceptModifier, .renderingIntent, .code(.presentationRequired), under: item)
        addAlgorithm(to: &tree, under: item, .hasProperties)
        if let certainty = finding.certainty {
            tree.add(.hasProperties, .certaintyOfFinding, .number(Self.decimal(certainty), unit: .percent), under: item)
        }
        if let score = finding.score {
            tree.add(.hasProperties, .probabilityOfCancer, .number(Self.decimal(score * 100), unit: .percent), under: item)
        }
        let image = library[finding.image]
        func coordinates(_ concept: SRCode, _ type: SRContentItem.GraphicType, _ points: [PixelPoint]) {
            let scoord = tree.add(.hasProperties, concept, .coordinates(type, points), under: item)
            if let image { tree.add(.selectedFrom, nil, .reference(image), under: scoord) }
        }
        if let center = finding.center { coordinates(.center, .point, [center]) }
        if finding.outline.count >= 2 {
            // A closed polyline repeats its first point last (PS3.3 C.18.6.1.2).
            var outline = finding.outline
            if outline.first != outline.last, let first = outline.first { outline.append(first) }
            coordinates(.outline, .polyline, outline)
        }
    }

    /// A DS value: at most 16 characters, no exponent, trailing zeros dropped.
    static func decimal(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return String(text.prefix(16))
    }
}
