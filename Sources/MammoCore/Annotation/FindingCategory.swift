// What an annotated lesion is (DOMAIN.md's finding types), with the names VinDr-Mammo writes in
// `finding_categories` and CBIS-DDSM in `abnormality type`.

public enum FindingCategory: String, Codable, Sendable, CaseIterable {
    case mass
    case calcificationCluster = "calcification-cluster"
    case architecturalDistortion = "architectural-distortion"
    case asymmetry

    /// For the screen: "mass", "calcification cluster", ...
    public var label: String {
        switch self {
        case .mass: "mass"
        case .calcificationCluster: "calcification cluster"
        case .architecturalDistortion: "architectural distortion"
        case .asymmetry: "asymmetry"
        }
    }

    /// One letter for tight places (lists, marks on the image): M, C, D, A.
    public var letter: String {
        switch self {
        case .mass: "M"
        case .calcificationCluster: "C"
        case .architecturalDistortion: "D"
        case .asymmetry: "A"
        }
    }

    /// VinDr-Mammo's category name.
    public var vindrName: String {
        switch self {
        case .mass: "Mass"
        case .calcificationCluster: "Suspicious Calcification"
        case .architecturalDistortion: "Architectural Distortion"
        case .asymmetry: "Asymmetry"
        }
    }

    /// Reads VinDr-Mammo, CBIS-DDSM and our own names, case-insensitively ("Focal Asymmetry" and
    /// "Global Asymmetry" are asymmetries; "calcification" a cluster).
    public init?(name: String) {
        let n = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
        switch n {
        case "mass": self = .mass
        case "suspicious calcification", "calcification", "calcification cluster", "calc", "calcifications": self = .calcificationCluster
        case "architectural distortion", "distortion": self = .architecturalDistortion
        case "asymmetry", "focal asymmetry", "global asymmetry", "developing asymmetry": self = .asymmetry
        default: return nil
        }
    }
}

import Foundation
