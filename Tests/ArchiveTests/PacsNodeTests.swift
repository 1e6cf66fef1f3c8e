// PacsNode and ArchiveError: AE title rules (PS3.5 6.2) and one-line messages with cleaned text.
import Archive
import Testing

struct PacsNodeTests {
    @Test func aeTitlesFollowTheDefaultRepertoireAndSixteenCharacters() {
        #expect(PacsNode.isValidAETitle("ORTHANC"))
        #expect(PacsNode.isValidAETitle("MAMMO TERM 01"))
        #expect(PacsNode.isValidAETitle("ABCDEFGHIJKLMNOP"))
        #expect(!PacsNode.isValidAETitle("ABCDEFGHIJKLMNOPQ"))
        #expect(!PacsNode.isValidAETitle("   "))
        #expect(!PacsNode.isValidAETitle(""))
        #expect(!PacsNode.isValidAETitle("A\\B"))
        #expect(!PacsNode.isValidAETitle("A\u{1B}B"))
        #expect(!PacsNode.isValidAETitle("MAMMOGRAFÍA"))
    }

    @Test func errorsNameTheNodeAndTheOperationOnOneCleanLine() {
        let node = PacsNode(name: "orthanc", host: "127.0.0.1", port: 4242, aet: "ORTHANC")
        let error = node.error("C-FIND", "association rejected\u{1B}[2J: called AE title not recognized")
        #expect(error.description == "orthanc: C-FIND failed: association rejected[2J: called AE title not recognized")
        #expect(!error.description.contains("\u{1B}"))
        let unnamed = PacsNode(name: "", host: "10.0.0.9", port: 104, aet: "X").error("C-ECHO", "timed out")
        #expect(unnamed.description == "10.0.0.9:104: C-ECHO failed: timed out")
    }
}
