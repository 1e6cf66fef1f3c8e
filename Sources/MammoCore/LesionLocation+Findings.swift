// The locations of an AI result's lesions: each from its own view's frame, the clock from the
// lesion's CC–MLO pair where the model matched one.

extension LesionLocation {
    /// One location per finding, in the findings' order.
    public static func locate(_ findings: [AIFinding], frames: [ViewKey: BreastFrame]) -> [LesionLocation] {
        findings.map { finding in
            let other = finding.pair.flatMap { pair in
                findings.first { $0.pair == pair && $0.view.side == finding.view.side && $0.view.view != finding.view.view }
            }
            let otherFrame = other.flatMap { frames[$0.view] }
            return locate(finding.box.center, in: frames[finding.view], side: finding.view.side,
                          other: other.flatMap { o in otherFrame.map { (o.box.center, $0) } })
        }
    }
}
