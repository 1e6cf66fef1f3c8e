// Decides who the synthetic patients are and what each exam shows: the exam mix (normal, benign,
// cancer), densities, lesions placed consistently in CC and MLO, priors, dates and UIDs.
// The default run (no site, default system, no dates asked for) plans exactly what it always did.
import DICOM
import MammoCore

public enum CohortPlanner {
    /// Studies are dated in 2025; priors one to two years earlier.
    static let firstStudyDay = CivilDate(year: 2025, month: 1, day: 6).daysSinceEpoch

    /// The first day current exams are dated (a start date that does not parse is refused by the
    /// command; here it falls back to the default).
    static func firstDay(_ options: SynthOptions) -> Int {
        options.startDate.flatMap { CivilDate(dicom: $0) }?.daysSinceEpoch ?? firstStudyDay
    }

    public static func plan(_ options: SynthOptions) -> [PatientPlan] {
        let n = max(0, options.examCount)
        guard n > 0 else { return [] }
        var mix = SynthRandom(seed: options.populationSeed, purpose: "cohort-mix")
        let cancers = Int((Double(n) * options.cancerShare).rounded())
        let benigns = min(n - cancers, Int((Double(n) * options.benignShare).rounded()))
        var categories = [ExamCategory](repeating: .cancer, count: cancers)
            + [ExamCategory](repeating: .benign, count: benigns)
            + [ExamCategory](repeating: .normal, count: n - cancers - benigns)
        mix.shuffle(&categories)

        var densities: [BreastDensity]
        if let shares = options.densityMix {
            // Counts by largest remainder, so the mix holds to within one patient per category.
            densities = quota(shares, count: n)
            mix.shuffle(&densities)
        } else {
            // Every density appears among the first four patients; after that about 15/35/35/15 %.
            densities = [.a, .b, .c, .d]
            mix.shuffle(&densities)
            while densities.count < n {
                let u = mix.uniform()
                densities.append(u < 0.15 ? .a : u < 0.5 ? .b : u < 0.85 ? .c : .d)
            }
            densities = Array(densities.prefix(n))
        }

        // Priors: the first cancer patient always has one (a prior is where an early cancer shows),
        // the others are drawn at random.
        let priorCount = n >= 3 ? max(1, Int((Double(n) * options.priorShare).rounded())) : Int((Double(n) * options.priorShare).rounded())
        var order = Array(0..<n)
        mix.shuffle(&order)
        if let firstCancer = categories.firstIndex(of: .cancer), let at = order.firstIndex(of: firstCancer) {
            order.remove(at: at)
            order.insert(firstCancer, at: 0)
        }
        let withPrior = Set(order.prefix(min(n, priorCount)))

        // With --weeks every week gets its share of exams (as even as the count allows; fewer exams
        // than weeks spread over the span), in an order of its own stream so the rest of the plan
        // does not move.
        var weekOf: [Int] = []
        if let weeks = options.weeks, weeks > 0 {
            weekOf = (0..<n).map { $0 * weeks / n }
            var order = SynthRandom(seed: options.populationSeed, purpose: "study-weeks")
            order.shuffle(&weekOf)
        }

        return (0..<n).map { index in
            patient(number: index + 1, category: categories[index], density: densities[index],
                    hasPrior: withPrior.contains(index), week: index < weekOf.count ? weekOf[index] : nil, options: options)
        }
    }

    /// `count` densities in the proportions of `shares` (largest remainder), in category order.
    static func quota(_ shares: [BreastDensity: Double], count n: Int) -> [BreastDensity] {
        let total = BreastDensity.allCases.reduce(0) { $0 + max(0, shares[$1] ?? 0) }
        guard total > 0 else { return [BreastDensity](repeating: .b, count: n) }
        let exact = BreastDensity.allCases.map { Double(n) * max(0, shares[$0] ?? 0) / total }
        var counts = exact.map { Int($0.rounded(.down)) }
        let byRemainder = exact.indices.sorted { exact[$0] - Double(counts[$0]) > exact[$1] - Double(counts[$1]) }
        for i in byRemainder.prefix(n - counts.reduce(0, +)) { counts[i] += 1 }
        return zip(BreastDensity.allCases, counts).flatMap { [BreastDensity](repeating: $0.0, count: $0.1) }
    }

    static func patient(number: Int, category: ExamCategory, density: BreastDensity, hasPrior: Bool, week: Int? = nil,
                        options: SynthOptions) -> PatientPlan {
        var r = SynthRandom(seed: options.populationSeed, purpose: "patient", index: number)
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let code = options.identityCode
        // "SYN-0007" for the default run, "SYN-3FA2C1-0007" for a site, system or period.
        let label = code.isEmpty ? padded : code + "-" + padded
        let patientID = "SYN-" + label
        let anatomySeed = r.next()
        let age = r.integer(42...74)
        let dayDraw = r.integer(0...355)
        // Within --weeks: one of the first five days of the patient's week (screening runs on
        // weekdays when the span starts on a Monday).
        let studyDay = firstDay(options) + (week.map { $0 * 7 + dayDraw % 5 } ?? dayDraw)
        let studyDate = CivilDate(daysSinceEpoch: studyDay)
        let uidBase = "mammoterm-synth/\(options.seed)" + (options.identityTag.isEmpty ? "" : "/" + options.identityTag)
        let birth = CivilDate(year: studyDate.year - age, month: r.integer(1...12), day: r.integer(1...28))
        var plan = PatientPlan(number: number, patientID: patientID, patientName: "SYNTH^PATIENT " + label,
                               birthDate: birth.dicom, density: density, category: category,
                               anatomySeed: anatomySeed, exams: [])
        let anatomies = [Side.right, .left].map { plan.anatomy(side: $0, size: options.size) }

        // Lesions of the current exam.
        var lesions: [LesionSpec] = []
        func add(_ shape: LesionShape, _ pathology: Pathology, diameter: Double) {
            let side: Side = r.chance(0.5) ? .right : .left
            let anatomy = anatomies[side == .right ? 0 : 1]
            let id = "\(patientID)-L\(lesions.count + 1)"
            if let lesion = place(id: id, shape: shape, pathology: pathology, diameter: diameter,
                                  anatomy: anatomy, size: options.size, random: &r) {
                lesions.append(lesion)
            }
        }
        switch category {
        case .normal:
            break
        case .cancer:
            let u = r.uniform()
            if u < 0.45 {
                add(.spiculated, .malignant, diameter: r.uniform(8, 22))
            } else if u < 0.7 {
                add(.irregular, .malignant, diameter: r.uniform(9, 24))
            } else {
                add(.pleomorphic, .malignant, diameter: r.uniform(5, 10))
            }
            if r.chance(0.25) { addBenign() }
        case .benign:
            addBenign()
            if r.chance(0.3) { addBenign() }
        }
        func addBenign() {
            let u = r.uniform()
            if u < 0.3 {
                add(.round, .benign, diameter: r.uniform(6, 15))
            } else if u < 0.6 {
                add(.oval, .benign, diameter: r.uniform(8, 20))
            } else if u < 0.8 {
                add(.punctate, .benign, diameter: r.uniform(6, 14))
            } else {
                add(.coarse, .benign, diameter: r.uniform(8, 18))
            }
        }

        let studyUID = DicomUID.derived(from: "\(uidBase)/\(patientID)/\(studyDate.dicom)/study")
        var current = ExamPlan(
            patientID: patientID, isPrior: false, studyDate: studyDate.dicom, studyTime: time(&r),
            studyInstanceUID: studyUID,
            seriesInstanceUID: DicomUID.derived(from: "\(uidBase)/\(patientID)/\(studyDate.dicom)/series"),
            accessionNumber: "SYN\(code)\(padded)C", priorStudyInstanceUID: nil, lesions: lesions,
            positioning: Dictionary(uniqueKeysWithValues: ViewKey.screening.map { ($0, Positioning.standard) }),
            noiseSeed: r.next())

        if hasPrior {
            let priorDate = CivilDate(daysSinceEpoch: studyDay - r.integer(330...760))
            let priorUID = DicomUID.derived(from: "\(uidBase)/\(patientID)/\(priorDate.dicom)/study")
            var priorLesions: [LesionSpec] = []
            for lesion in lesions {
                if let earlier = earlierVersion(of: lesion, random: &r) { priorLesions.append(earlier) }
            }
            var positioning: [ViewKey: Positioning] = [:]
            for key in ViewKey.screening {
                positioning[key] = Positioning(verticalShiftMM: r.uniform(-6, 6), depthScale: r.uniform(0.97, 1.03))
            }
            let prior = ExamPlan(
                patientID: patientID, isPrior: true, studyDate: priorDate.dicom, studyTime: time(&r),
                studyInstanceUID: priorUID,
                seriesInstanceUID: DicomUID.derived(from: "\(uidBase)/\(patientID)/\(priorDate.dicom)/series"),
                accessionNumber: "SYN\(code)\(padded)P", priorStudyInstanceUID: nil, lesions: priorLesions,
                positioning: positioning, noiseSeed: r.next())
            current.priorStudyInstanceUID = priorUID
            plan.exams = [current, prior]
        } else {
            plan.exams = [current]
        }
        return plan
    }

    /// How a lesion looked one to two years earlier: cancers were smaller or not yet visible,
    /// benign findings mostly the same (stability is what makes them benign to a reader).
    static func earlierVersion(of lesion: LesionSpec, random r: inout SynthRandom) -> LesionSpec? {
        var earlier = lesion
        if lesion.pathology == .benign {
            return r.chance(0.8) ? earlier : nil
        }
        guard r.chance(0.65) else { return nil }
        if lesion.type == .mass {
            earlier.diameterMM = max(4, lesion.diameterMM * r.uniform(0.45, 0.65))
        } else {
            let all = lesion.details.specks.count
            let shown = max(5, all / 2)
            guard shown < all else { return nil }
            earlier.speckLimit = shown
            earlier.diameterMM = lesion.diameterMM * 0.8
        }
        return earlier
    }

    /// Puts a lesion where it fits, with a margin, inside the breast in both the CC and the MLO
    /// (and clear of the pectoral muscle), at the same depth from the nipple in both.
    static func place(id: String, shape: LesionShape, pathology: Pathology, diameter: Double,
                      anatomy: BreastAnatomy, size: DetectorSize, random r: inout SynthRandom) -> LesionSpec? {
        let cc = ViewGeometry(anatomy: anatomy, view: .cc, fieldWidthMM: size.fieldWidthMM, fieldHeightMM: size.fieldHeightMM)
        let mlo = ViewGeometry(anatomy: anatomy, view: .mlo, fieldWidthMM: size.fieldWidthMM, fieldHeightMM: size.fieldHeightMM)
        let seed = r.next()
        var d = diameter
        for attempt in 0..<400 {
            if attempt > 0 && attempt % 100 == 0 { d *= 0.8 }
            let depth = r.uniform(0.2, 0.85) * anatomy.ccDepthMM
            let lateralSide = r.uniform(-1, 1)
            let lateral = lateralSide * 0.8 * (lateralSide > 0 ? anatomy.ccLateralHalfMM : anatomy.ccMedialHalfMM)
            let superior = r.uniform(-80, 80)
            let spec = LesionSpec(id: id, shape: shape, pathology: pathology, side: anatomy.side, diameterMM: d,
                                  depthMM: depth, lateralMM: lateral, superiorMM: superior, detailSeed: seed)
            let clearance = spec.clearanceRadiusMM
            let a = cc.project(depthMM: depth, lateralMM: lateral, superiorMM: superior)
            let b = mlo.project(depthMM: depth, lateralMM: lateral, superiorMM: superior)
            if cc.contains(x: a.x, y: a.y, radius: clearance, margin: 5), mlo.contains(x: b.x, y: b.y, radius: clearance, margin: 5) {
                return spec
            }
        }
        return nil
    }

    static func time(_ r: inout SynthRandom) -> String {
        let seconds = r.integer((8 * 3600)...(17 * 3600 + 59 * 60))
        let h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return pad(h) + pad(m) + pad(s)
    }
}
