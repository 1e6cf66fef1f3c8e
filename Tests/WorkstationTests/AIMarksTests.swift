// The AI's marks on the picture agree with the findings list: each listed box carries its row's
// number (the one reading order), boxes are drawn by score band (solid, dashed, dotted), the AI
// and the ground truth can be drawn together, the map's opacity and contour mode change the
// picture, and the truth's two colours stay apart for colour-blind readers.
import DICOM
import Foundation
import Imaging
import MammoCore
import Store
import Testing
import TUI
import Workstation

@Suite("AI marks", .serialized)
struct AIMarksTests {
    static let rcc = SampleLibrary.samples + "/SYN-0004/20251220/RCC.dcm"
    /// Listed from 0.03, high from 0.9 (as the bundled model's card gives them).
    static let bands = AIScoreBands(listing: 0.03, high: 0.9)

    /// Three RCC boxes (high, medium, low) and one LCC box between them in score, in stored pixels of `size`.
    static func findings(_ size: PixelSize) -> [AIFinding] {
        let w = Double(size.width), h = Double(size.height)
        return [
            AIFinding(view: .rightCC, box: PixelBox(x: w * 0.45, y: h * 0.55, width: w * 0.3, height: h * 0.15), score: 0.40, confidence: 0.5),
            AIFinding(view: .rightCC, box: PixelBox(x: w * 0.45, y: h * 0.80, width: w * 0.3, height: h * 0.1), score: 0.01, confidence: 0.1),
            AIFinding(view: .leftCC, box: PixelBox(x: w * 0.2, y: h * 0.2, width: w * 0.2, height: h * 0.2), score: 0.60, confidence: 0.7),
            AIFinding(view: .rightCC, box: PixelBox(x: w * 0.45, y: h * 0.2, width: w * 0.3, height: h * 0.2), score: 0.97, confidence: 0.9),
        ]
    }

    static func analysis(_ study: String, findings: [AIFinding], heat: [AIHeatmap] = []) -> AIAnalysis {
        AIAnalysis(studyInstanceUID: study, model: "test-model", modelVersion: "1", source: "mammoterm", inputHash: "x",
                   examScore: 0.9, examConfidence: 0.8, threshold: 0.5, findings: findings, heatmaps: heat, createdAt: "2026-12-07T00:00:00Z")
    }

    /// Where `character` is drawn in exactly `color` at `scale` (every lit font pixel that colour,
    /// every unlit one inside the glyph another).
    static func glyphs(_ character: Character, in picture: ColorImage, color: RGBColor, scale: Int) -> [(x: Int, y: Int)] {
        let gw = BitmapFont.glyphWidth * scale, gh = BitmapFont.glyphHeight * scale
        guard picture.width >= gw, picture.height >= gh else { return [] }
        var hits: [(Int, Int)] = []
        for y in 0...(picture.height - gh) {
            for x in 0...(picture.width - gw) where picture[x, y] == color || !BitmapFont.isSet(character, x: 0, y: 0) {
                var matches = true
                check: for gy in 0..<gh {
                    for gx in 0..<gw where BitmapFont.isSet(character, x: gx / scale, y: gy / scale) != (picture[x + gx, y + gy] == color) {
                        matches = false
                        break check
                    }
                }
                if matches { hits.append((x, y)) }
            }
        }
        return hits
    }

    /// The share of `color` pixels along a box's top edge (display pixels, `scale` from stored).
    static func topEdgeCoverage(_ box: PixelBox, scale: Double, in picture: ColorImage, color: RGBColor) -> Double {
        let y = Int((box.y * scale).rounded(.down)), x0 = Int((box.x * scale).rounded(.down)), x1 = Int((box.maxX * scale).rounded(.down))
        let run = (x0...x1).filter { x in (max(y - 1, 0)...y + 1).contains { picture[x, $0] == color } }
        return Double(run.count) / Double(x1 - x0 + 1)
    }

    @Test func listedBoxesCarryTheirRowNumberAndBandsLookApart() throws {
        let image = try DicomPixelReader.readChecked(path: Self.rcc)
        let size = PixelSize(width: image.width, height: image.height)
        let analysis = Self.analysis("1.2", findings: Self.findings(size))
        let overlay = try #require(AIViewOverlay.split(analysis, bands: Self.bands)[.rightCC])
        // The reading order numbers the RCC boxes 1 (0.97) and 3 (0.40): the LCC box (0.60) is 2, the 0.01 one 4.
        #expect(overlay.findings.map(\.number) == [1, 3, 4])
        #expect(overlay.findings.map { overlay.label($0) } == [1, 3, nil])
        #expect(overlay.marks.map(\.id) == ["AI-1", "AI-3", "AI-4"])

        let style = OverlayStyle()
        // As stored (no flips): display = stored × scale.
        let shown = HangingProtocolRenderer.render(image, as: nil, maxWidth: 480, maxHeight: 600, overlay: .ai, style: style,
                                                   ai: overlay, markers: false).image
        let scale = Double(shown.width) / Double(size.width)
        let textScale = max(min(shown.width / 200, 4), 2)
        let ones = Self.glyphs("1", in: shown, color: style.aiColor, scale: textScale)
        let threes = Self.glyphs("3", in: shown, color: style.aiColor, scale: textScale)
        #expect(ones.count == 1 && threes.count == 1, "one 1 and one 3: \(ones) \(threes)")
        #expect(Self.glyphs("4", in: shown, color: style.aiColor, scale: textScale).isEmpty, "an unlisted box has no number")
        #expect(Self.glyphs("2", in: shown, color: style.aiColor, scale: textScale).isEmpty, "the LCC box is not on the RCC")
        // Each number sits just above its box's top-left corner.
        for (hit, finding) in [(ones.first, Self.findings(size)[3]), (threes.first, Self.findings(size)[0])] {
            let hit = try #require(hit)
            let (bx, by) = (finding.box.x * scale, finding.box.y * scale)
            #expect(abs(Double(hit.x) - bx) <= 2 && Double(hit.y) < by && by - Double(hit.y) < 30, "\(hit) vs box at \(bx),\(by)")
        }

        // Bands: high solid, medium dashed, low dotted (less of its edge drawn).
        let high = Self.topEdgeCoverage(Self.findings(size)[3].box, scale: scale, in: shown, color: style.aiColor)
        let medium = Self.topEdgeCoverage(Self.findings(size)[0].box, scale: scale, in: shown, color: style.aiColor)
        let low = Self.topEdgeCoverage(Self.findings(size)[1].box, scale: scale, in: shown, color: style.aiColor)
        #expect(high > 0.97, "solid: \(high)")
        #expect(medium > 0.45 && medium < 0.8, "dashed: \(medium)")
        #expect(low > 0.15 && low < 0.45, "dotted: \(low)")
        #expect(style.aiLine(.high, pictureWidth: 480).thickness > style.aiLine(.medium, pictureWidth: 480).thickness)
        #expect(Set(AIScoreBands.Band.allCases.map { style.aiLine($0, pictureWidth: 480).dash }).count == 3)
        #expect(Self.bands.band(0.97) == .high && Self.bands.band(0.40) == .medium && Self.bands.band(0.01) == .low)
        #expect(AIScoreBands(listing: nil).band(0.01) == .medium, "without a listing threshold every box is listed")
    }

    @Test func thePanelTheFindingsNumbersAndThePictureAgree() async throws {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" })
        let image = try DicomPixelReader.readChecked(path: Self.rcc)
        let analysis = Self.analysis(entry.studyInstanceUID, findings: Self.findings(PixelSize(width: image.width, height: image.height)))
        try database.saveAnalysis(analysis)
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.braille), theme: .builtIn,
                                     lesionThresholds: ["test-model 1": 0.03], highScores: ["test-model 1": 0.9])
        let details = try service.loadStudy(entry)
        let listed = details.findings.filter { $0.source == .ai }
        // The panel's rows, the picture's labels and `findings` all come from the one order.
        let numbered = analysis.numberedFindings
        #expect(listed.map(\.number) == [1, 2, 3])
        #expect(listed.map(\.box) == numbered.prefix(3).map(\.finding.box))
        let marks = AIViewOverlay.split(analysis, bands: service.scoreBands(for: analysis))
        #expect(marks[.rightCC]?.findings.compactMap { marks[.rightCC]?.label($0) } == listed.filter { $0.view == .rightCC }.map(\.number))
        #expect(marks[.leftCC]?.findings.compactMap { marks[.leftCC]?.label($0) } == listed.filter { $0.view == .leftCC }.map(\.number))
        #expect(details.belowThresholdLabel == "1 below 0.030")

        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0004 Enter Enter a o"), service: service)
        let rows = run.screen.split(separator: "\n").filter { $0.contains("(AI)") }.map(String.init)
        #expect(rows.count == 3)
        func number(_ row: String) -> String? {
            row.components(separatedBy: "│").dropFirst().first?.split(separator: " ").first.map(String.init)
        }
        #expect(rows.map(number) == ["1", "2", "3"], "\(rows)")
        #expect(rows.map { $0.contains("RCC") } == [true, false, true])
        // AI and truth together: both listed, both said.
        #expect(run.screen.contains("malignant"))
        #expect(run.screen.contains("Findings (AI 3 · truth 2 · 1 below 0.030)"), "\(run.screen)")
        #expect(run.screen.contains("Overlay  AI + ground truth"))
        #expect(run.before.last?.contains("Overlay: AI · boxes numbered as listed · map 55 %") == true)
        #expect(run.screen.contains("Overlay: AI + truth · AI boxes, map 55 % · truth outlines"))
        // The legend under the table.
        #expect(run.screen.contains("Score, Conf 0–100"), "\(run.screen)")
        #expect(run.final.reading?.picture?.key.overlay == OverlaySelection(ai: true, truth: true))
    }

    @Test func aiAndTruthAreDrawnTogetherInTheirOwnColours() throws {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" })
        let image = try DicomPixelReader.readChecked(path: Self.rcc)
        let analysis = Self.analysis(entry.studyInstanceUID, findings: Self.findings(PixelSize(width: image.width, height: image.height)))
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.sixel), theme: .builtIn)
        let details = try service.loadStudy(entry)
        let style = ViewRenderer.Style(theme: .builtIn).overlay
        func counts(_ overlay: OverlaySelection) -> (ai: Int, truth: Int) {
            let key = PictureKey(studyUID: details.studyUID, layout: .four, cells: Size(width: 60, height: 40), overlay: overlay)
            let picture = service.raster(PictureRequest(key: key, files: details.files, ai: analysis)).picture
            return (picture.pixels.filter { $0 == style.aiColor }.count, picture.pixels.filter { $0 == style.malignantColor }.count)
        }
        let both = counts(OverlaySelection(ai: true, truth: true))
        let ai = counts(OverlaySelection(ai: true))
        let truth = counts(OverlaySelection(truth: true))
        #expect(both.ai > 50 && both.truth > 20, "both: \(both)")
        #expect(ai.ai > 50 && ai.truth == 0, "AI alone: \(ai)")
        #expect(truth.ai == 0 && truth.truth > 20, "truth alone: \(truth)")
        #expect(counts(.none) == (0, 0))
    }

    @Test func opacityZeroDrawsNoMapAndContoursOnlyLines() throws {
        let database = try SampleLibrary.privateDatabase()
        let entry = try #require(try database.worklist().first { $0.patientID == "SYN-0004" && $0.studyDate == "20251220" })
        // A map hot over the middle of the RCC view, no boxes.
        var values = [UInt8](repeating: 0, count: 16 * 20)
        for y in 6..<14 { for x in 4..<12 { values[y * 16 + x] = 255 } }
        let analysis = Self.analysis(entry.studyInstanceUID, findings: [], heat: [AIHeatmap(view: "RCC", width: 16, height: 20, values: values)])
        let service = ReadingService(library: database, graphics: SampleLibrary.graphics(.sixel), theme: .builtIn)
        let details = try service.loadStudy(entry)
        func picture(_ overlay: OverlaySelection) -> ColorImage {
            let key = PictureKey(studyUID: details.studyUID, layout: .single(.rightCC), cells: Size(width: 40, height: 30), overlay: overlay)
            return service.raster(PictureRequest(key: key, files: details.files, ai: analysis)).picture
        }
        let off = picture(.none)
        func change(_ overlay: OverlaySelection) -> (pixels: Int, total: Int) {
            let p = picture(overlay)
            var pixels = 0, total = 0
            for (a, b) in zip(p.pixels, off.pixels) where a != b {
                pixels += 1
                total += abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b))
            }
            return (pixels, total)
        }
        #expect(change(OverlaySelection(ai: true, mapOpacity: 0)).pixels == 0, "opacity 0 draws no map")
        let quarter = change(OverlaySelection(ai: true, mapOpacity: 25)), full = change(OverlaySelection(ai: true, mapOpacity: 100))
        #expect(quarter.pixels > 100 && full.total > quarter.total * 3, "25 %: \(quarter), 100 %: \(full)")
        let contour = change(OverlaySelection(ai: true, mapOpacity: 100, mapMode: .contour))
        #expect(contour.pixels > 20 && contour.pixels * 4 < full.pixels, "contour lines only: \(contour) vs filled \(full)")
        // Inside the hot square the tissue stays as it was with contours (the mass under it visible).
        let lines = picture(OverlaySelection(ai: true, mapOpacity: 100, mapMode: .contour))
        let (cx, cy) = (off.width / 2, off.height / 2)
        let inside = (-3...3).flatMap { dy in (-3...3).map { dx in (cx + dx, cy + dy) } }
        #expect(inside.allSatisfy { lines[$0.0, $0.1] == off[$0.0, $0.1] })
        #expect(inside.contains { picture(OverlaySelection(ai: true, mapOpacity: 100))[$0.0, $0.1] != off[$0.0, $0.1] })
    }

    /// sRGB through Machado et al. (2009) full-severity protanopia and deuteranopia matrices.
    static func simulated(_ c: RGBColor, _ m: [[Double]]) -> [Double] {
        func linear(_ v: UInt8) -> Double { let x = Double(v) / 255; return x <= 0.04045 ? x / 12.92 : Foundation.pow((x + 0.055) / 1.055, 2.4) }
        func encoded(_ v: Double) -> Double { let x = min(max(v, 0), 1); return 255 * (x <= 0.0031308 ? x * 12.92 : 1.055 * Foundation.pow(x, 1 / 2.4) - 0.055) }
        let l = [linear(c.r), linear(c.g), linear(c.b)]
        return m.map { row in encoded(zip(row, l).map(*).reduce(0, +)) }
    }

    static let protanopia = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    static let deuteranopia = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]

    static func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() }

    @Test("truth colours are no red/green pair", arguments: Theme.builtInNames + ["default style"])
    func truthColoursStayApartForColourBlindReaders(theme name: String) throws {
        let style = name == "default style" ? OverlayStyle() : OverlayStyle(theme: try Theme.load(name))
        let (malignant, benign, ai) = (style.malignantColor, style.benignColor, style.aiColor)
        for matrix in [Self.protanopia, Self.deuteranopia] {
            // The old red/green pair (#ff4040 / #40dc60) falls to about 70 under deuteranopia.
            #expect(Self.distance(Self.simulated(malignant, matrix), Self.simulated(benign, matrix)) > 150, "\(name)")
            #expect(Self.distance(Self.simulated(ai, matrix), Self.simulated(malignant, matrix)) > 100, "\(name): AI vs malignant")
            #expect(Self.distance(Self.simulated(ai, matrix), Self.simulated(benign, matrix)) > 100, "\(name): AI vs benign")
        }
        #expect(Self.distance(Self.simulated(RGBColor(r: 255, g: 64, b: 64), Self.deuteranopia),
                              Self.simulated(RGBColor(r: 64, g: 220, b: 96), Self.deuteranopia)) < 150, "the check would catch red/green")
    }
}
