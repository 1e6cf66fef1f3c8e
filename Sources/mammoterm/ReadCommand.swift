// `mammoterm read --protocol unaided|concurrent|second-look|referral --reader NAME`: the
// workstation as a reading session of a reader study. Every decision is recorded beside what
// the AI suggested and what the reader could see of it; the AI is shown only as the protocol
// allows, and ground truth never. Referral thresholds come from the library's analysed studies
// with ground truth at the targets given, and stay fixed for the session.
import ArgumentParser
import Foundation
import MammoCore
import Store
import Study
import Workstation

struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read studies under a reader-study protocol, recording every decision beside the AI's suggestion.",
        discussion: """
            unaided: no AI output anywhere. concurrent: AI shown from the start. second-look: decide, then the AI \
            is shown, then decide again (both recorded). referral: the normal-triage tag is shown; after a negative \
            call the safety net may fire, showing the AI's region, and the reader confirms or revises. \
            Keys on the reading screen: d decision, x mark, ? help. Research and demonstration only.
            """)

    @OptionGroup var options: WorkstationOptions
    @Option(name: .customLong("protocol"), help: "unaided, concurrent, second-look or referral (default: config `protocol`).")
    var readingProtocol: String?
    @Option(help: "Read the next cases of this reader study (`mammoterm study create`): its arm sets the protocol.")
    var study: String?
    @Option(help: "Referral: the normal-triage threshold keeps this sensitivity on the library's truth.") var ntTarget: Double = 0.97
    @Option(help: "Referral: the safety-net threshold keeps this specificity on the library's truth.") var snTarget: Double = 0.98

    func validate() throws {
        if let readingProtocol, ReadingProtocol(rawValue: readingProtocol) == nil {
            throw ValidationError("--protocol must be one of: \(ReadingProtocol.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for target in [ntTarget, snTarget] where !(target > 0 && target <= 1) {
            throw ValidationError("--nt-target and --sn-target must be in (0, 1]")
        }
    }

    func run() async throws {
        var flag = readingProtocol.flatMap(ReadingProtocol.init(rawValue:))
        let nt = ntTarget, sn = snTarget
        var openStudy: String?, caseOrder: [String]?
        if let study {
            guard let served = try serve(study) else { return }
            if let flag, flag != served.arm {
                throw ValidationError("--protocol \(flag.rawValue) differs from the study's arm now due, \(served.arm.rawValue): leave --protocol out")
            }
            flag = served.arm
            openStudy = served.next
            caseOrder = served.order
        }
        let chosenFlag = flag
        try await WorkstationCommand.launch(options, openStudy: openStudy, caseOrder: caseOrder) { database, config in
            guard let chosen = chosenFlag ?? config.readingProtocol else {
                throw ValidationError("choose a protocol: --protocol unaided|concurrent|second-look|referral (or `protocol` in config.toml)")
            }
            // Every decision of a reading session is recorded: refuse a full disk or a read-only
            // library before the first study opens, not after a reader typed a decision.
            try database.checkWritable()
            var session = ReadingSession(readingProtocol: chosen, showsTruth: false)
            if chosen == .referral {
                // Frozen per model and targets: every session of the study uses the same ones.
                let t = try ReadingSession.referralThresholds(library: database, normalTriageTarget: nt, safetyNetTarget: sn)
                session.normalTriage = t.normalTriage
                session.safetyNet = t.safetyNet
            }
            return session
        }
    }

    /// The reader's next case of `name`: its arm, the case, and the arm's cases in the reader's
    /// order (the worklist). Nil, after saying why, when nothing is to be read now (washout, done).
    func serve(_ name: String) throws -> (arm: ReadingProtocol, next: String, order: [String])? {
        let (settings, location) = try WorkstationCommand.configAndLibrary(options)
        guard LibraryOptions.exists(location) else {
            StudyCommand.complain("there is no library at \(PrintableText.clean(location))")
            throw ExitCode(1)
        }
        let database = try Database.open(location)
        let reader = try WorkstationCommand.readerID(flag: options.reader, config: settings, database: database)
        let design = try StudyCommand.design(name, in: database)
        let plan = try ReaderStudyPlan(design)
        guard let readerPlan = plan.reader(reader) else {
            StudyCommand.complain("\(PrintableText.clean(reader)) is not a reader of study \(PrintableText.clean(name)) (its readers: \(design.readers.map(PrintableText.clean).joined(separator: ", ")))")
            throw ExitCode(1)
        }
        let progress = ReaderStudyProgress(plan: plan, reads: try database.reads(reader: reader), now: .now)
        switch try progress.next(for: reader) {
        case .finished:
            print("\(PrintableText.clean(reader)) has read every case of study \(PrintableText.clean(name)) in every arm: thank you")
            return nil
        case .washout(let until, let arm):
            print("study \(PrintableText.clean(name)): washout — the \(arm.rawValue) arm opens for \(PrintableText.clean(reader)) at \(until.minuteText)")
            return nil
        case .case(let uid, let arm):
            return (arm, uid, readerPlan.cases(in: arm))
        }
    }
}
