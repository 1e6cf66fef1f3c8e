// How much the library holds, for the import summary.

public struct LibraryCounts: Codable, Hashable, Sendable {
    public var patients: Int
    public var studies: Int
    public var series: Int
    public var images: Int
    /// Files skipped by some import and not imported since.
    public var importIssues: Int

    public init(patients: Int, studies: Int, series: Int, images: Int, importIssues: Int) {
        self.patients = patients
        self.studies = studies
        self.series = series
        self.images = images
        self.importIssues = importIssues
    }
}
