// From the library's AI result to a report and back: an AIAnalysis (view, box, score 0–1,
// confidence 0–1, pair) on the study's images becomes findings on SOP instances with outline
// (the box's corners), centre, Probability of cancer and Certainty of Finding in percent.
import MammoCore

extension MammographyCADReport {
    /// `analysis` on `images` (the study's Image Library; a finding goes on the first image of its
    /// view). A finding on a view with no image is left out, and a pair left with one finding is no pair.
    public init(analysis: AIAnalysis, images: [Image], algorithmParameters: String = "") {
        let byView = Dictionary(images.compactMap { image in image.view.map { ($0, image) } }, uniquingKeysWith: { first, _ in first })
        var findings = analysis.findings.compactMap { finding -> Finding? in
            guard let image = byView[finding.view] else { return nil }
            return Finding(image: image.sopInstanceUID, kind: finding.kind, outline: finding.box.corners, center: finding.box.center,
                           score: finding.score, certainty: finding.confidence.map { $0 * 100 }, pair: finding.pair)
        }
        let whole = Set(Dictionary(grouping: findings.compactMap(\.pair), by: { $0 }).filter { $0.value.count >= 2 }.keys)
        for i in findings.indices where findings[i].pair.map({ !whole.contains($0) }) ?? false { findings[i].pair = nil }
        self.init(algorithmName: analysis.model, algorithmVersion: analysis.modelVersion, examScore: analysis.examScore,
                  examCertainty: analysis.examConfidence.map { $0 * 100 }, threshold: analysis.threshold, images: images,
                  findings: findings)
        self.algorithmParameters = algorithmParameters
    }
}
