// One observation for the whole exam: its probability as the score and each input's mean over
// its views, which is what the library's exam rows hold (ai_input), so that a reference kept per
// view compares like with like against exams read per exam.

extension MonitoredExam {
    public var collapsed: MonitoredExam {
        if views.count == 1, views.first?.view == "exam" { return self }
        var sums: [String: (total: Double, count: Int)] = [:]
        for view in views {
            for (key, value) in view.inputs where value.isFinite {
                sums[key, default: (0, 0)].total += value
                sums[key, default: (0, 0)].count += 1
            }
        }
        var exam = self
        exam.views = [ViewObservation(view: "exam", score: probability, inputs: sums.mapValues { $0.total / Double($0.count) })]
        return exam
    }
}
