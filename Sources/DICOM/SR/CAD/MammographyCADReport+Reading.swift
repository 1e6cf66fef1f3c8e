// A Mammography CAD SR from any system read as a MammographyCADReport. The template is followed
// where it matters and the rest is tolerated: Single Image Findings are found wherever they sit
// (under an Individual Impression, inside a Composite Feature by value or by reference), items
// mammoterm does not use are passed over, and a finding with a defect is named by its content
// item's position and dropped (no coordinates, no image) or kept without the bad value (a
// certainty outside 0–100). A file of another template is refused whole.
import MammoCore

extension MammographyCADReport {
    /// `document` as a report, with the notes on what was left out; throws for another template.
    public static func read(_ document: SRDocument, path: String) throws(DicomError) -> (report: MammographyCADReport, notes: [String]) {
        let tree = document.tree
        guard let root = tree.root, let concept = tree[root].concept, concept.means(.mammographyCADReport) else {
            let said = tree.root.flatMap { tree[$0].concept }.map(\.description) ?? "none"
            throw DicomError(path: path, tag: "(0040,A043)",
                             reason: "not a Mammography CAD SR: the root concept is \(said), not (111036, DCM, \"Mammography CAD Report\")",
                             kind: .unsupported)
        }
        var notes: [String] = []
        func note(_ index: Int, _ text: String) { notes.append("content item \(tree.position(of: index)): \(text)") }

        // The Image Library: one entry per IMAGE item, its view from its acquisition context.
        var images: [Image] = []
        var imageOfItem: [Int: String] = [:]
        for library in tree.children(of: root, named: .imageLibrary) {
            for item in tree.children(of: library) {
                guard case .image(let sopClass, let sopInstance) = tree[item].value else { continue }
                imageOfItem[item] = sopInstance
                images.append(libraryEntry(item, sopClass: sopClass, sopInstance: sopInstance, in: tree))
            }
        }

        // Pairs: the Single Image Findings each Composite Feature draws on.
        var pairOfFinding: [Int: Int] = [:]
        var pairs = 0
        for index in tree.items.indices where tree[index].concept?.means(.compositeFeature) == true {
            let members = findingsBelow(index, in: tree)
            guard members.count >= 2 else { continue }
            pairs += 1
            for member in members where pairOfFinding[member] == nil { pairOfFinding[member] = pairs }
        }

        var findings: [Finding] = []
        var positions: [String] = []
        var algorithm: (name: String, version: String)?
        for index in tree.items.indices where tree[index].concept?.means(.singleImageFinding) == true {
            guard case .code(let type) = tree[index].value else {
                note(index, "a Single Image Finding that is not a CODE item")
                continue
            }
            var center: PixelPoint?
            var outline: [PixelPoint] = []
            var image: String?
            var certainty: Double?
            var score: Double?
            for child in tree.children(of: index) {
                let item = tree[child]
                guard let name = item.concept else { continue }
                switch item.value {
                case .coordinates(let graphic, let points) where name.means(.center) || name.means(.outline):
                    let source = tree.children(of: child).lazy.compactMap { tree.resolved($0) }
                        .compactMap { target -> String? in
                            if case .image(_, let sop) = tree[target].value { return imageOfItem[target] ?? sop }
                            return nil
                        }.first
                    if let source { image = image ?? source }
                    if name.means(.center) {
                        center = points.first
                    } else {
                        outline = Self.outline(graphic, points)
                    }
                    if source == nil { note(child, "coordinates without the image they are on (no SELECTED FROM IMAGE)") }
                case .number(let text, let unit) where name.means(.certaintyOfFinding):
                    if let value = Double(text), value.isFinite, (0...100).contains(value) {
                        certainty = value
                    } else {
                        note(child, "Certainty of Finding \(text) \(unit.value) is outside 0–100 %: the finding is kept without a certainty")
                    }
                case .number(let text, let unit) where name.means(.probabilityOfCancer):
                    if let value = Double(text), value.isFinite, (0...100).contains(value) {
                        score = unit.value == "%" ? value / 100 : min(value, 1)
                    } else {
                        note(child, "Probability of cancer \(text) is outside 0–100 %: the finding is kept without a score")
                    }
                case .text(let text) where name.means(.algorithmName):
                    // Version beside the name (TID 4019), or below it as some writers put it.
                    let version = (tree.children(of: index, named: .algorithmVersion) + tree.children(of: child, named: .algorithmVersion))
                        .lazy.compactMap { v -> String? in
                            if case .text(let t) = tree[v].value { return t }
                            return nil
                        }.first ?? ""
                    if algorithm == nil { algorithm = (text, version) }
                default:
                    continue
                }
            }
            guard center != nil || !outline.isEmpty else {
                note(index, "a finding without coordinates (neither Center nor Outline): left out")
                continue
            }
            guard let image else {
                note(index, "a finding whose coordinates name no image: left out")
                continue
            }
            findings.append(Finding(image: image, kind: type.findingCategory, outline: outline, center: center, score: score,
                                    certainty: certainty, pair: pairOfFinding[index]))
            positions.append(tree.position(of: index))
        }
        // Renumber pairs 1, 2, ... over the findings kept; a pair left with one finding is no pair.
        let kept = Dictionary(grouping: findings.compactMap(\.pair), by: { $0 }).filter { $0.value.count >= 2 }.keys.sorted()
        let renumber = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0 + 1) })
        for i in findings.indices { findings[i].pair = findings[i].pair.flatMap { renumber[$0] } }

        // The exam: the summary's Probability of cancer, operating points on its own scale.
        var examScore: Double?
        var examCertainty: Double?
        var recommended: Double?
        var maximum: Double?
        for summary in tree.children(of: root, named: .cadProcessingAndFindingsSummary) {
            for child in tree.children(of: summary) {
                guard let name = tree[child].concept, case .number(let text, let unit) = tree[child].value, let value = Double(text), value.isFinite else { continue }
                if name.means(.probabilityOfCancer) {
                    if (0...100).contains(value) { examScore = unit.value == "%" ? value / 100 : min(value, 1) }
                    else { note(child, "the exam's Probability of cancer \(text) is outside 0–100 %: left out") }
                } else if name.means(.certaintyOfFinding) || name.means(.certaintyOfFeature) {
                    if (0...100).contains(value) { examCertainty = value } else { note(child, "the exam's certainty \(text) is outside 0–100 %: left out") }
                } else if name.means(.recommendedCADOperatingPoint) {
                    recommended = value
                } else if name.means(.maximumCADOperatingPoint) {
                    maximum = value
                }
            }
        }
        let threshold: Double? = if let recommended, let maximum, maximum > 0, (0...maximum).contains(recommended) { recommended / maximum } else { nil }
        let header = document.header
        var report = MammographyCADReport(
            algorithmName: algorithm?.name ?? header.manufacturerModelName, algorithmVersion: algorithm?.version ?? header.softwareVersions,
            examScore: examScore, examCertainty: examCertainty, threshold: threshold, images: images, findings: findings)
        report.itemPositions = positions
        return (report, notes)
    }

    /// The Single Image Findings a Composite Feature draws on, through nested features and by-reference links.
    static func findingsBelow(_ index: Int, in tree: SRContentTree) -> [Int] {
        var found: [Int] = []
        var seen: Set<Int> = [index]
        var queue = tree.children(of: index)
        while let next = queue.popLast() {
            guard let target = tree.resolved(next), seen.insert(target).inserted else { continue }
            if tree[target].concept?.means(.singleImageFinding) == true {
                found.append(target)
            } else if tree[target].concept?.means(.compositeFeature) == true, tree[next].relationship == .inferredFrom {
                queue += tree.children(of: target)
            }
        }
        return found.sorted()
    }

    static func libraryEntry(_ item: Int, sopClass: String, sopInstance: String, in tree: SRContentTree) -> Image {
        var side: Side?
        var view: ViewPosition?
        var spacing: (row: Double?, column: Double?) = (nil, nil)
        var date = ""
        for child in tree.children(of: item) {
            guard let name = tree[child].concept else { continue }
            switch tree[child].value {
            case .code(let code) where name.means(.imageLaterality): side = code.side
            case .code(let code) where name.means(.imageView): view = code.viewPosition ?? ViewPosition(snomedCode: code.value)
            case .number(let text, _) where name.means(.horizontalPixelSpacing): spacing.column = Double(text)
            case .number(let text, _) where name.means(.verticalPixelSpacing): spacing.row = Double(text)
            case .date(let text) where name.means(.studyDate): date = text
            default: continue
            }
        }
        let key = side.flatMap { s in view.map { ViewKey(side: s, view: $0) } }
        let pixelSpacing = spacing.row.flatMap { r in spacing.column.map { PixelSpacing(row: r, column: $0) } }
        return Image(sopClassUID: sopClass, sopInstanceUID: sopInstance, view: key, spacing: pixelSpacing, studyDate: date)
    }

    /// An outline as points: a polyline's own, a circle (centre, point on it) or an ellipse (two
    /// axes' end points) as its bounding corners.
    static func outline(_ type: SRContentItem.GraphicType, _ points: [PixelPoint]) -> [PixelPoint] {
        switch type {
        case .polyline, .multipoint, .point: return points
        case .circle:
            guard points.count >= 2 else { return [] }
            let r = hypot(points[1].x - points[0].x, points[1].y - points[0].y)
            return [PixelPoint(x: points[0].x - r, y: points[0].y - r), PixelPoint(x: points[0].x + r, y: points[0].y + r)]
        case .ellipse:
            guard points.count >= 4, let box = PixelBox(bounding: points) else { return [] }
            return box.corners
        }
    }
}
