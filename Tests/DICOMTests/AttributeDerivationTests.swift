// Side, view and orientation from the places real files keep them.
@testable import DICOM
import MammoCore
import Testing

@Suite("Mammography attribute fallbacks")
struct AttributeDerivationTests {
    @Test func sideFromText() {
        #expect(DicomHeader.sideInText("L CC") == .left)
        #expect(DicomHeader.sideInText("RIGHT MLO") == .right)
        #expect(DicomHeader.sideInText("RMLO") == .right)
        #expect(DicomHeader.sideInText("screening") == nil)
        #expect(DicomHeader.sideInText("1-130") == nil)
    }

    @Test func viewFromText() {
        #expect(ViewPosition(dicomCode: "L MLO") == .mlo)
        #expect(ViewPosition(dicomCode: "R-CC") == .cc)
        #expect(ViewPosition(snomedCode: "399162004") == .cc)
        #expect(ViewPosition(snomedCode: "399368009") == .mlo)
        #expect(DicomHeader.viewInMeaning("medio-lateral oblique") == .mlo)
    }

    @Test func printableText() {
        #expect(PrintableText.clean("DOE^JANE\u{1B}[31m\u{07}") == "DOE^JANE[31m")
        #expect(PrintableText.clean("A\u{9B}2J B") == "A2J B")
        #expect(PrintableText.clean("tab\there\nline") == "tab here line")
        #expect(PrintableText.clean("rtl\u{202E}evil") == "rtlevil")
        #expect(PrintableText.personName("DOE^JANE^^^") == "DOE, JANE")
    }
}

@Suite("Dataset conventions")
struct DatasetConventionTests {
    @Test func cbisDDSMPatient() {
        #expect(DicomHeader.cbisDDSMPatient("Mass-Test_P_00173_LEFT_CC") == "P_00173")
        #expect(DicomHeader.cbisDDSMPatient("Calc-Training_P_01234_RIGHT_MLO") == "P_01234")
        #expect(DicomHeader.cbisDDSMPatient("SYN-0001") == nil)
        #expect(DicomHeader.cbisDDSMPatient("Mass-Test_P_x_LEFT_CC") == nil)
    }
}
