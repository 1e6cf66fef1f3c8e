// One synthetic patient: identity, breast composition and the exams made for her (the current
// screening exam first, then a prior when she has one).
import MammoCore

public struct PatientPlan: Sendable {
    public var number: Int
    /// "SYN-0007"
    public var patientID: String
    /// "SYNTH^PATIENT 0007": obviously synthetic, in DICOM PN form.
    public var patientName: String
    public var birthDate: String
    public var density: BreastDensity
    public var category: ExamCategory
    /// Seeds both breasts' anatomy; every exam of the patient reuses it.
    public var anatomySeed: UInt64
    public var exams: [ExamPlan]

    public func anatomy(side: Side, size: DetectorSize) -> BreastAnatomy {
        BreastAnatomy(patientSeed: anatomySeed, side: side, density: density, fieldHeightMM: size.fieldHeightMM)
    }
}
