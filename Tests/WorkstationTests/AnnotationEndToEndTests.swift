// `mammoterm annotate` in tmux, keyboard only, as an annotator over SSH: five sample exams'
// lesions traced on their CC and MLO views (the cursor steered by what the screen says, coarse
// then fine steps, zoomed in like a person would), linked across views, exported, and compared
// with the synthetic ground truth; then a second annotator's mark shows up in the review with
// its agreement and is accepted as ground truth.
import Foundation
import MammoCore
import Testing
import TerminalTestSupport

@Suite(.serialized, .enabled(if: EndToEnd.canRun))
struct AnnotationEndToEndTests {
    struct TruthLesion {
        var patient: String
        var type: String
        var boxes: [String: PixelBox]   // view label → box in stored pixels
        var sopInstanceUIDs: [String: String]
    }

    /// The first lesion of each current exam that has one, from samples/ground-truth.json.
    static func truth() throws -> [String: TruthLesion] {
        let data = try Data(contentsOf: URL(fileURLWithPath: SampleLibrary.samples + "/ground-truth.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: TruthLesion] = [:]
        for exam in root["exams"] as? [[String: Any]] ?? [] where exam["isPrior"] as? Bool == false {
            guard let patient = exam["patientID"] as? String, let lesion = (exam["lesions"] as? [[String: Any]])?.first,
                  let views = lesion["views"] as? [String: [String: Any]] else { continue }
            var boxes: [String: PixelBox] = [:]
            for (view, v) in views {
                guard let b = v["box"] as? [String: Double], let x = b["x"], let y = b["y"], let w = b["width"], let h = b["height"] else { continue }
                boxes[view] = PixelBox(x: x, y: y, width: w, height: h)
            }
            var uids: [String: String] = [:]
            for image in exam["images"] as? [[String: Any]] ?? [] {
                if let key = image["viewKey"] as? String, let uid = image["sopInstanceUID"] as? String { uids[key] = uid }
            }
            out[patient] = TruthLesion(patient: patient, type: lesion["type"] as? String ?? "mass", boxes: boxes, sopInstanceUIDs: uids)
        }
        return out
    }

    /// Steers the annotation cursor with the keyboard, reading its position off the screen.
    struct Annotator {
        let tmux: TmuxSession

        static func cursor(_ screen: String) -> (x: Int, y: Int, view: String)? {
            guard let line = screen.line(containing: "Cursor "), let range = line.range(of: #"Cursor\s+(\d+), (\d+) px on (\w+)"#, options: .regularExpression)
            else { return nil }
            let parts = line[range].split(whereSeparator: { $0 == " " || $0 == "," }).filter { !$0.isEmpty }
            guard parts.count >= 6, let x = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            return (x, y, String(parts[5]))
        }

        func position() async throws -> (x: Int, y: Int, view: String) {
            let screen = try await tmux.waitUntil("the cursor line") { Self.cursor($0) != nil }
            guard let c = Self.cursor(screen) else { throw TerminalTestError("no cursor line") }
            return c
        }

        /// Presses `key` `count` times in one go and waits for the cursor to land where `expected` says.
        func press(_ key: String, _ count: Int, expecting expected: (x: Int, y: Int)) async throws {
            guard count > 0 else { return }
            try tmux.send(Array(repeating: key, count: count))
            try await tmux.waitUntil("cursor at \(expected)", timeout: .seconds(45)) { screen in
                Self.cursor(screen).map { $0.x == expected.x && $0.y == expected.y } ?? false
            }
        }

        /// The signed step one press of each key makes here (it depends on the zoom and the view's mirroring).
        func steps() async throws -> (right: Int, down: Int, fineRight: Int, fineDown: Int) {
            var result: [Int] = []
            for (forward, back, horizontal) in [("Right", "Left", true), ("Down", "Up", false), ("l", "h", true), ("j", "k", false)] {
                let before = try await position()
                try tmux.send(forward)
                let after = try await tmux.waitUntil("the cursor to move") { screen in
                    Self.cursor(screen).map { $0.x != before.x || $0.y != before.y } ?? false
                }
                guard let moved = Self.cursor(after) else { throw TerminalTestError("cursor lost") }
                result.append(horizontal ? moved.x - before.x : moved.y - before.y)
                try await press(back, 1, expecting: (before.x, before.y))
            }
            return (result[0], result[1], result[2], result[3])
        }

        /// Coarse steps while they help, then fine ones: the cursor ends within half a fine step of the target.
        func move(to target: PixelPoint) async throws {
            let s = try await steps()
            var c = try await position()
            for (step, key, horizontal) in [(s.right, "Right", true), (-s.right, "Left", true), (s.down, "Down", false), (-s.down, "Up", false),
                                            (s.fineRight, "l", true), (-s.fineRight, "h", true), (s.fineDown, "j", false), (-s.fineDown, "k", false)] {
                let error = (horizontal ? target.x - Double(c.x) : target.y - Double(c.y)) / Double(step)
                let count = Int(error.rounded(.toNearestOrAwayFromZero))
                guard count > 0 else { continue }
                let expected = horizontal ? (c.x + count * step, c.y) : (c.x, c.y + count * step)
                try await press(key, count, expecting: expected)
                c = try await position()
            }
        }

        /// Traces `box` on the view shown: to its middle, zoom in twice there, corner, corner; labels; returns the box drawn.
        func trace(_ box: PixelBox, calcification: Bool) async throws -> PixelBox {
            try await move(to: box.center)
            try tmux.send("+")
            try await tmux.waitFor("zoom 1.5×")
            try tmux.send("+")
            try await tmux.waitFor("zoom 2×")
            try await move(to: PixelPoint(x: box.x, y: box.y))
            let first = try await position()
            try tmux.send("Space")
            try await tmux.waitFor("opposite corner")
            try await move(to: PixelPoint(x: box.maxX, y: box.maxY))
            let second = try await position()
            try tmux.send("Space")
            // A new mark starts as the study's last one was: change the finding only when it differs.
            let wanted = calcification ? "‹ calcification cluster ›" : "‹ mass ›"
            // One press at a time, each waited for on the Finding line itself (the picture may redraw meanwhile).
            let form = try await tmux.waitFor("Labels", "Finding")
            var finding = form.line(containing: "Finding ") ?? ""
            for _ in 0..<4 where !finding.contains(wanted) {
                try tmux.send("Right")
                let before = finding
                let next = try await tmux.waitUntil("the next finding type") { ($0.line(containing: "Finding ") ?? before) != before }
                finding = next.line(containing: "Finding ") ?? ""
            }
            try await tmux.waitFor(wanted)
            try tmux.send("Enter")
            try await tmux.waitFor("Annotations · ")
            return try #require(PixelBox(bounding: [PixelPoint(x: Double(first.x), y: Double(first.y)),
                                                    PixelPoint(x: Double(second.x), y: Double(second.y))]))
        }
    }

    @Test func anAnnotatorLabelsFiveExamsWithTheKeyboardAndASecondOneIsReviewed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ann-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try WorkstationEndToEndTests.importSamples(into: folder)
        let binary = try #require(EndToEnd.binary)
        let truth = try Self.truth()
        let patients = ["SYN-0002", "SYN-0003", "SYN-0004", "SYN-0006", "SYN-0010"]

        let tmux = try TmuxSession(command: "'\(binary)' annotate --annotator ann1 --library '\(library)' --graphics braille; sleep 60",
                                  width: 160, height: 50)
        let annotator = Annotator(tmux: tmux)
        try await tmux.waitFor("Worklist — ", timeout: .seconds(90))
        var drawn: [String: [String: PixelBox]] = [:]
        for patient in patients {
            let lesion = try #require(truth[patient])
            let side = lesion.boxes.keys.contains("RCC") ? "R" : "L"
            // The search field keeps the last search: Ctrl-U clears it.
            try tmux.send("/")
            try tmux.send("C-u")
            try tmux.send(String(patient.suffix(4)), literal: true)
            try tmux.send("Enter")
            try tmux.send("Enter")
            try await tmux.waitFor("annotating as ann1", patient, timeout: .seconds(90))
            for (index, view) in ["\(side)CC", "\(side)MLO"].enumerated() {
                let box = try #require(lesion.boxes[view], "\(patient) has no \(view) truth")
                if index == 0 {
                    try tmux.send(side == "R" ? "1" : "2")
                    try await tmux.waitFor(" \(view) · annotating")
                }
                drawn[patient, default: [:]][view] = try await annotator.trace(box, calcification: lesion.type == "calcification-cluster")
                try tmux.send("L")
                try await tmux.waitFor(index == 0 ? "Select the same lesion on \(side)MLO" : "Linked \(side)CC and \(side)MLO")
            }
            try tmux.send("q")
            try await tmux.waitFor("Worklist — ", timeout: .seconds(90))
        }
        try tmux.send("q")

        // Every mark against the drawn box and the truth, linked in pairs.
        let export = folder.appendingPathComponent("annotations.json")
        let done = try TerminalTools.run(binary, ["export", "annotations", "--format", "json", "--out", export.path, "--library", library],
                                          environment: ProcessInfo.processInfo.environment)
        #expect(done.status == 0, "\(done.output)")
        let marks = try AnnotationExportReader.marks(export)
        #expect(marks.count == 10, "two marks per exam: \(marks.count)")
        for patient in patients {
            let lesion = try #require(truth[patient])
            var lesionIDs = Set<String?>()
            for (view, box) in drawn[patient] ?? [:] {
                let uid = try #require(lesion.sopInstanceUIDs[view])
                let mark = try #require(marks.first { $0.sopInstanceUID == uid }, "\(patient) \(view): not exported")
                #expect(mark.shape == .box(box), "\(patient) \(view): exported \(mark.shape), drawn \(box)")
                #expect(mark.annotator == "ann1" && mark.view == view)
                let iou = AnnotationAgreement.boxIoU(try #require(mark.shape).bounds, try #require(lesion.boxes[view]))
                #expect(iou >= 0.5, "\(patient) \(view): IoU \(iou) with the ground truth")
                print(String(format: "annotation e2e: %@ %@ traced box IoU %.2f with the ground truth", patient, view, iou))
                #expect(mark.category == lesion.type, "\(patient) \(view): \(mark.category), truth \(lesion.type)")
                lesionIDs.insert(mark.lesionID)
            }
            #expect(lesionIDs.count == 1 && lesionIDs.first! != nil, "\(patient): CC and MLO marks linked as one lesion")
        }

        // The VinDr-style CSV holds the same boxes: one finding row per mark (image_id, xmin..xmax).
        let csvURL = folder.appendingPathComponent("annotations.csv")
        let csv = try TerminalTools.run(binary, ["export", "annotations", "--format", "vindr", "--out", csvURL.path, "--library", library],
                                         environment: ProcessInfo.processInfo.environment)
        #expect(csv.status == 0, "\(csv.output)")
        let lines = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        let column = { (name: String) throws -> Int in try #require(header.firstIndex(of: name), "no \(name) column") }
        let (image, xmin, ymin, xmax, ymax) = (try column("image_id"), try column("xmin"), try column("ymin"), try column("xmax"), try column("ymax"))
        var rows: [String: PixelBox] = [:]
        for line in lines.dropFirst() where !line.contains("No Finding") {
            // No field of these rows is quoted except finding_categories, which sits before the box.
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let shift = f.count - header.count   // commas inside a quoted multi-category field
            guard let x0 = Double(f[xmin + shift]), let y0 = Double(f[ymin + shift]), let x1 = Double(f[xmax + shift]), let y1 = Double(f[ymax + shift])
            else { Issue.record("unreadable row: \(line)"); continue }
            rows[f[image]] = PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        }
        #expect(rows.count == 10)
        for patient in patients {
            for (view, box) in drawn[patient] ?? [:] {
                let uid = try #require(truth[patient]?.sopInstanceUIDs[view])
                #expect(rows[uid] == box, "\(patient) \(view): VinDr row \(String(describing: rows[uid])), drawn \(box)")
            }
        }

        // A second annotator on SYN-0003: a box 4 px off on each side; the review shows both with their IoU; accept ann1's.
        let box = try #require(truth["SYN-0003"]?.boxes["RCC"])
        let second = try TmuxSession(command: "'\(binary)' annotate SYN-0003 --annotator ann2 --library '\(library)' --graphics braille; sleep 60",
                                    width: 160, height: 50)
        try await second.waitFor("annotating as ann2", timeout: .seconds(90))
        _ = try await Annotator(tmux: second).trace(PixelBox(x: box.x - 4, y: box.y + 4, width: box.width + 8, height: box.height - 4),
                                                    calcification: false)
        try second.send("V")
        try await second.waitFor("Review · every annotator")
        try second.send("Tab")
        let review = try await second.waitFor("ann1", "ann2", "Mean IoU")
        let meanLine = try #require(review.line(containing: "Mean IoU"))
        let mean = try #require(Double(meanLine.components(separatedBy: "Mean IoU").last?.trimmingCharacters(in: .whitespaces).prefix(4) ?? ""))
        #expect(mean >= 0.5 && mean < 1, "\(meanLine)")
        try second.send("g")
        try await second.waitFor("Accepted as ground truth by ann2")
        // Killed, not quit: every edit is already in the library.
        _ = try? second.run(["kill-server"])
        let again = try TerminalTools.run(binary, ["export", "annotations", "--format", "json", "--out", export.path, "--library", library],
                                           environment: ProcessInfo.processInfo.environment)
        #expect(again.status == 0)
        let accepted = try AnnotationExportReader.marks(export).filter { $0.acceptedBy != nil }
        #expect(accepted.count == 1 && accepted.first?.acceptedBy == "ann2" && accepted.first?.annotator == "ann1")
    }
}
