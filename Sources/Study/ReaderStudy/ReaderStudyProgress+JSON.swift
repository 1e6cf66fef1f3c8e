// `study status --json`: the progress with stable field names (a contract; every key is always
// there, null when it has no value; keys sorted):
//
//   {"format": "mammoterm-reader-study-progress", "version": 1,
//    "study": name, "now": time, "cases": count, "washoutSeconds": number,
//    "readers": [{"reader": id,
//                 "next": {"kind": "case" | "washout" | "finished", "arm": protocol | null,
//                          "case": StudyInstanceUID | null, "until": time | null},
//                 "arms": [{"arm": protocol, "position": 1-based reading order, "done", "total",
//                           "startedAt": time | null, "finishedAt": time | null,
//                           "state": "not-started" | "reading" | "washout" | "done",
//                           "washoutUntil": time | null}]}]}
//
// Times are the Timestamp text (ISO 8601 UTC); protocols their raw values (unaided, second-look ...).
import Foundation
import MammoCore

extension ReaderStudyProgress {
    public func json() throws(StudyError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(Document(self)), as: UTF8.self)
        } catch {
            throw StudyError(context: "reader study \(PrintableText.clean(study))", reason: "cannot encode the progress (\(error))")
        }
    }

    private struct Document: Encodable {
        var progress: ReaderStudyProgress
        init(_ progress: ReaderStudyProgress) { self.progress = progress }

        enum Key: String, CodingKey {
            case format, version, study, now, cases, washoutSeconds, readers, reader, next, arms, kind, arm, `case`, until,
                 position, done, total, startedAt, finishedAt, state, washoutUntil
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("mammoterm-reader-study-progress", forKey: .format)
            try c.encode(1, forKey: .version)
            try c.encode(progress.study, forKey: .study)
            try c.encode(progress.now, forKey: .now)
            try c.encode(progress.caseCount, forKey: .cases)
            try c.encode(progress.washoutSeconds, forKey: .washoutSeconds)
            var readers = c.nestedUnkeyedContainer(forKey: .readers)
            for reader in progress.readers {
                var r = readers.nestedContainer(keyedBy: Key.self)
                try r.encode(reader.reader, forKey: .reader)
                var next = r.nestedContainer(keyedBy: Key.self, forKey: .next)
                let (kind, arm, uid, until): (String, ReadingProtocol?, String?, Timestamp?) = switch reader.next {
                case let .case(uid, arm): ("case", arm, uid, nil)
                case let .washout(until, arm): ("washout", arm, nil, until)
                case .finished: ("finished", nil, nil, nil)
                }
                try next.encode(kind, forKey: .kind)
                try next.encode(arm, forKey: .arm)
                try next.encode(uid, forKey: .case)
                try next.encode(until, forKey: .until)
                var arms = r.nestedUnkeyedContainer(forKey: .arms)
                for a in reader.arms {
                    var e = arms.nestedContainer(keyedBy: Key.self)
                    try e.encode(a.arm, forKey: .arm)
                    try e.encode(a.position, forKey: .position)
                    try e.encode(a.done, forKey: .done)
                    try e.encode(a.total, forKey: .total)
                    try e.encode(a.startedAt, forKey: .startedAt)
                    try e.encode(a.finishedAt, forKey: .finishedAt)
                    try e.encode(a.state.name, forKey: .state)
                    if case let .washout(until) = a.state { try e.encode(until, forKey: .washoutUntil) } else { try e.encodeNil(forKey: .washoutUntil) }
                }
            }
        }
    }
}
