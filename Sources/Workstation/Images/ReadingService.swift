// The slow side of the reading screen, called only from effects off the UI loop: opening a
// study (library query, decoding its views, reading its ground truth) and making pictures,
// with bounded caches at each step (decoded views, fitted views, finished pictures) so going
// back, re-windowing and the prefetched next study cost little or nothing.
import Dispatch
import Foundation
import Imaging
import Ingest
import MammoCore
import Store
import Study
import TermGraphics
import TUI

public final class ReadingService: Sendable {
    /// Byte budgets of the caches. Stored pixels dominate: a full-size view is about 54 MB, so
    /// the default keeps one four-view exam at full resolution (for zooming), while overviews
    /// (3.4 MB a view) of the last few exams and finished pictures stay longer.
    public struct Budget: Sendable {
        public var decoded: Int = 224 << 20
        public var overviews: Int = 64 << 20
        public var fitted: Int = 32 << 20
        public var pictures: Int = 32 << 20
        public init() {}
    }

    public let library: Database
    public let graphics: TerminalPicture
    public let style: ViewRenderer.Style
    /// The archives (config.toml's [[pacs]]), when any: remote studies are retrieved through it.
    public let archive: ArchiveService?
    /// Per AI model ("id version"), the lesion score a finding needs to be listed: the model
    /// card's operating point (the command line gives the bundled model's). Other models list all.
    public let lesionThresholds: [String: Double]
    /// Per AI model, the score at which its marks are drawn as high (AIScoreBands): the bundled
    /// model's exam recall point on the raw score. Other models: half the scale.
    public let highScores: [String: Double]
    let decoded: ByteBudgetCache<String, DecodedView>
    let overviews: ByteBudgetCache<String, ViewOverview>
    let fitted: ViewRenderer.FittedCache
    let pictures: ByteBudgetCache<PictureKey, RenderedPicture>
    let studies: ByteBudgetCache<String, StudyDetails>
    /// Ground truth (ReadingService+Truth): where each study's set lies, each set's file parsed, each view's map.
    let truthPaths = Locked([String: String?]())
    let truthFiles = Locked([String: Result<LesionTruthSet, StudyError>]())
    let truthViews = ByteBudgetCache<String, TruthOverlay>(budget: 8 << 20)

    public init(library: Database, graphics: TerminalPicture, theme: Theme, budget: Budget = Budget(), archive: ArchiveService? = nil,
                lesionThresholds: [String: Double] = [:], highScores: [String: Double] = [:]) {
        self.library = library
        self.lesionThresholds = lesionThresholds
        self.highScores = highScores
        self.archive = archive
        self.graphics = graphics
        self.style = ViewRenderer.Style(theme: theme)
        decoded = ByteBudgetCache(budget: budget.decoded)
        overviews = ByteBudgetCache(budget: budget.overviews)
        fitted = ByteBudgetCache(budget: budget.fitted)
        pictures = ByteBudgetCache(budget: budget.pictures)
        studies = ByteBudgetCache(budget: 4 << 20)
    }

    /// How `ai`'s marks are drawn by score (the same bands the study's details give the panel).
    public func scoreBands(for ai: AIAnalysis?) -> AIScoreBands {
        AIScoreBands(for: ai, listing: lesionThresholds, high: highScores)
    }

    /// Bytes held by each cache now (for the benchmark).
    public var cacheBytes: (decoded: Int, overviews: Int, fitted: Int, pictures: Int) {
        (decoded.usedBytes, overviews.usedBytes, fitted.usedBytes, pictures.usedBytes)
    }

    static func cacheKey(_ path: String, _ key: ViewKey?) -> String { (key?.label ?? "-") + "|" + path }

    /// A view at full resolution, from the cache or decoded (its overview is kept too).
    public func decodedView(path: String, as key: ViewKey?) throws -> DecodedView {
        let name = Self.cacheKey(path, key)
        if let hit = decoded.value(for: name) { return hit }
        let view = try DecodedView.decode(path: path, as: key, detail: style.overlay.detail)
        decoded.insert(view, bytes: view.bytes, for: name)
        overviews.insert(view.overview, bytes: view.overview.bytes, for: name)
        return view
    }

    /// A view's overview, decoding the file only when neither cache has it. With
    /// `keepingStoredPixels` false the stored pixels are dropped after measuring (prefetch:
    /// the study being read keeps its full-resolution views).
    public func overview(path: String, as key: ViewKey?, keepingStoredPixels: Bool = true) throws -> ViewOverview {
        let name = Self.cacheKey(path, key)
        if let hit = overviews.value(for: name) { return hit }
        if let hit = decoded.value(for: name) { return hit.overview }
        if keepingStoredPixels { return try decodedView(path: path, as: key).overview }
        let view = try DecodedView.decode(path: path, as: key, detail: style.overlay.detail)
        overviews.insert(view.overview, bytes: view.overview.bytes, for: name)
        return view.overview
    }

    /// A finished picture, if one with this key was made before (a memory lookup only).
    public func cachedPicture(_ key: PictureKey) -> RenderedPicture? { pictures.value(for: key) }

    // MARK: Opening a study

    /// The study's files, views, prior and findings; its views are decoded into the caches on
    /// the way, so the first picture follows quickly. A prefetch (`keepingStoredPixels` false)
    /// decodes one view at a time and keeps overviews only, so reading ahead never evicts the
    /// open study's full-resolution views nor doubles the memory peak.
    /// `caching` false reads the library afresh and keeps nothing (a study still arriving from
    /// an archive: loads overlap, and an older one must not be served later from the cache).
    public func loadStudy(_ entry: WorklistEntry, keepingStoredPixels: Bool = true, caching: Bool = true) throws(WorkstationError) -> StudyDetails {
        if caching, let known = studies.value(for: entry.studyInstanceUID) { return known }
        let stored = try screeningFiles(of: entry.studyInstanceUID)
        guard !stored.isEmpty else {
            throw WorkstationError(reason: "study \(PrintableText.clean(entry.studyInstanceUID)) has none of the views RCC, LCC, RMLO, LMLO in the library")
        }
        let keys = ViewKey.screening.filter { stored[$0] != nil }
        // Read once for the study, before its views: a broken file is a problem of the study, not silence.
        let truth: LesionTruthSet?, truthProblem: String?
        do {
            truth = try truthSet(forStudy: entry.studyInstanceUID, files: stored)
            truthProblem = nil
        } catch {
            truth = nil
            truthProblem = "\(error)"
        }
        let switched = Locked([ViewKey: String]())
        let facts = Locked([ViewKey: ViewFacts]())
        let frames = Locked([ViewKey: BreastFrame]())
        let marks = Locked([ViewKey: [LesionMark]]())
        let problems = Locked([String]())
        let measure = { @Sendable (index: Int) in
            let key = keys[index]
            guard let path = stored[key] else { return }
            do {
                let view = try self.overview(path: path, as: key, keepingStoredPixels: keepingStoredPixels)
                facts.update { $0[key] = view.facts }
                if let frame = view.breastFrame() { frames.update { $0[key] = frame } }
                marks.update { $0[key] = truth?.marks(forImage: view.sopInstanceUID) ?? [] }
            } catch {
                // The stored file no longer decodes: an identical copy seen by import takes its place.
                var replacement: ViewOverview?
                let copy = DuplicateResolver(database: self.library).switchToIdenticalCopy(ofFailed: path, because: Self.problem(error, path: path)) {
                    replacement = try? self.overview(path: $0, as: key, keepingStoredPixels: keepingStoredPixels)
                    return replacement != nil
                }
                guard let copy, let view = replacement else {
                    problems.update { $0.append("\(key.label): \(Self.problem(error, path: path))") }
                    return
                }
                switched.update { $0[key] = copy }
                facts.update { $0[key] = view.facts }
                if let frame = view.breastFrame() { frames.update { $0[key] = frame } }
                marks.update { $0[key] = truth?.marks(forImage: view.sopInstanceUID) ?? [] }
            }
        }
        if keepingStoredPixels {
            DispatchQueue.concurrentPerform(iterations: keys.count, execute: measure)
        } else {
            for index in keys.indices { measure(index) }
        }
        let files = stored.merging(switched.value) { _, copy in copy }
        var findings: [Finding] = []
        for key in keys {
            for mark in (marks.value[key] ?? []).sorted(by: { $0.id < $1.id }) {
                findings.append(Finding(number: findings.count + 1, mark: mark, view: key))
            }
        }
        var prior: PriorStudy?
        if let priorUID = entry.priorStudyInstanceUID {
            let images = (try? library.images(studyInstanceUID: priorUID)) ?? []
            prior = PriorStudy(studyUID: priorUID, studyDate: images.first?.studyDate ?? "",
                               files: Self.screeningFiles(images))
        }
        var details = StudyDetails(studyUID: entry.studyInstanceUID, files: files, views: facts.value, prior: prior,
                                   findings: findings, problems: problems.value.sorted() + [truthProblem].compactMap { $0 })
        details.frames = frames.value
        // The AI's findings go first (what the reader weighs), then the synthetic truth.
        do {
            if let ai = try library.analysis(studyInstanceUID: entry.studyInstanceUID) {
                details.lesionThreshold = lesionThresholds["\(ai.model) \(ai.modelVersion)"]
                details.highScore = highScores["\(ai.model) \(ai.modelVersion)"]
                details = details.withAI(ai)
            }
        } catch {
            details.problems.append("AI result: \(error)")
        }
        if caching { studies.insert(details, bytes: 4096, for: entry.studyInstanceUID) }
        return details
    }

    func screeningFiles(of studyUID: String) throws(WorkstationError) -> [ViewKey: String] {
        do {
            return Self.screeningFiles(try library.images(studyInstanceUID: studyUID))
        } catch {
            throw WorkstationError(path: library.path, reason: "\(error)")
        }
    }

    /// An error as the screen shows it: the file is known, so its path is left out.
    static func problem(_ error: any Error, path: String) -> String {
        let text = "\(error)", prefix = PrintableText.clean(path) + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// The first image of each screening view (the library orders by series and instance).
    static func screeningFiles(_ images: [ImageSummary]) -> [ViewKey: String] {
        var files: [ViewKey: String] = [:]
        for image in images {
            guard let key = image.viewKey, ViewKey.screening.contains(key), files[key] == nil else { continue }
            files[key] = image.path
        }
        return files
    }

    /// Opens `entry` and makes the picture `key` would show for it, so moving on to the next
    /// study finds everything ready.
    public func prefetch(_ entry: WorklistEntry, key: PictureKey) {
        guard let details = try? loadStudy(entry, keepingStoredPixels: false) else { return }
        var key = key
        key.studyUID = entry.studyInstanceUID
        key.views = details.files.count
        _ = render(PictureRequest(key: key, files: details.files, priorFiles: details.prior?.files ?? [:], ai: details.ai))
    }
}

extension ReadingService {
    /// A study opened before (or prefetched), from memory only.
    public func cachedStudy(_ uid: String) -> StudyDetails? { studies.value(for: uid) }

    /// Forgets what opening the study found (new instances arrived): the next load reads the
    /// library again; decoded views stay cached by file.
    public func forgetStudy(_ uid: String) { studies.remove(for: uid) }
}
