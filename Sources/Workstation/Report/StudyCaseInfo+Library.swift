// The report's and exports' view of each study, from the library: ground truth, the latest AI
// result and the patient's age at the exam.
import Store
import Study

extension StudyCaseInfo {
    public static func all(in database: Database) throws -> [String: StudyCaseInfo] {
        let truths = try database.truths()
        let contexts = try database.studyContexts()
        var out: [String: StudyCaseInfo] = [:]
        for uid in Set(truths.keys).union(contexts.keys) {
            let c = contexts[uid]
            out[uid] = StudyCaseInfo(studyInstanceUID: uid, truth: truths[uid], aiScore: c?.aiScore, aiThreshold: c?.aiThreshold,
                                     aiModel: c?.aiModel, patientAge: c?.patientAge)
        }
        return out
    }
}
