// One observation for the whole exam: its probability as the score and each input's mean over
// its views, which is what the library's exam rows hold (ai_input), so that a reference kept per
// view compares like with like against exams read per exam.

extension MonitoredExam {
    public var collapsed: MonitoredExam {
        if views.count == 1, views.first?.view == "exam" { return self }
        var inputs = InputValues()
        for index in InputValues.names.indices {
            var total = 0.0, count = 0
            for view in views { if let value = view.inputs[index], value.isFinite { total += value; count += 1 } }
            if count > 0 { inputs[index] = total / Double(count) }
        }
        var exam = self
        exam.views = [ViewObservation(view: "exam", score: probability, inputs: inputs)]
        return exam
    }
}
