// Where a header's values come from: DCMTK (DicomFile, the reference) or the fast scanner
import MammoCore
// (HeaderScan) used for indexing. DicomHeader is built the same way from either.

protocol HeaderSource {
    var path: String { get }
    var hasMeta: Bool { get }
    var transferSyntaxUID: String { get }
    var hasPixelData: Bool { get }
    var bytesAfterHeader: Int? { get }
    /// Raw texts of the given top-level attributes (absent ones left out).
    func collect(_ wanted: [DicomTag]) -> [DicomTag: String]
    /// The first View Code Sequence item: code value, scheme, meaning.
    var viewCode: (value: String, scheme: String, meaning: String)? { get }
    func lookupTables(_ sequence: DicomTag, signedInput: Bool) -> [LookupTable]
}

extension DicomFile: HeaderSource {
    var viewCode: (value: String, scheme: String, meaning: String)? {
        guard itemCount(.viewCodeSequence) > 0 else { return nil }
        return (string(in: .viewCodeSequence, item: 0, .codeValue) ?? "",
                string(in: .viewCodeSequence, item: 0, .codingSchemeDesignator) ?? "",
                string(in: .viewCodeSequence, item: 0, .codeMeaning) ?? "")
    }

    func lookupTables(_ sequence: DicomTag, signedInput: Bool) -> [LookupTable] {
        DicomHeader.lookupTables(self, sequence, signedInput: signedInput)
    }
}
