// Trimming spaces without Foundation's CharacterSet machinery, which showed up in profiles of
// header indexing (it is called for every DICOM value).

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and NULs (DICOM pads with both).
    @inlinable
    public var trimmedSpaces: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        func isPad(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\0" }
        while start < end, isPad(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isPad(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}
