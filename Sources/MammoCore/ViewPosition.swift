// Mammographic projection, as in ViewPosition (0018,5101) and ViewCodeSequence (0054,0220).

public enum ViewPosition: String, Codable, Sendable, CaseIterable {
    case cc = "CC"
    case mlo = "MLO"
    case ml = "ML"
    case lm = "LM"
    case xccl = "XCCL"
    case xccm = "XCCM"
    case fb = "FB"
    case sio = "SIO"
    case lmo = "LMO"
    case at = "AT"

    /// Reads a ViewPosition code or free text such as "L CC", "MLO", "R-MLO", "CCID".
    public init?(dicomCode: String) {
        let text = dicomCode.trimmedSpaces.uppercased()
        if let exact = ViewPosition(rawValue: text) { self = exact; return }
        // Free text: look for whole tokens, longest codes first so "MLO" is not read as "ML".
        let tokens = text.split(whereSeparator: { !$0.isLetter }).map(String.init)
        for code in ["XCCL", "XCCM", "MLO", "LMO", "SIO", "CC", "ML", "LM", "FB"] {
            if tokens.contains(code), let view = ViewPosition(rawValue: code) { self = view; return }
        }
        return nil
    }

    /// SNOMED CT codes used in ViewCodeSequence (PS3.16 CID 4014).
    public init?(snomedCode: String) {
        switch snomedCode.trimmedSpaces {
        case "399162004", "R-10242": self = .cc
        case "399368009", "R-10226": self = .mlo
        case "399260004", "R-10224": self = .ml
        case "399352003", "R-10230": self = .lm
        case "399192003", "R-1024A": self = .xccl
        case "399101009", "R-1024B": self = .xccm
        case "399196000", "R-10228": self = .fb
        case "399099002", "R-10250": self = .sio
        case "399173006", "R-10232": self = .lmo
        case "399255006", "R-10252": self = .at
        default: return nil
        }
    }

    /// The SNOMED CT code and meaning written into ViewCodeSequence.
    public var snomed: (code: String, meaning: String) {
        switch self {
        case .cc: ("399162004", "cranio-caudal")
        case .mlo: ("399368009", "medio-lateral oblique")
        case .ml: ("399260004", "medio-lateral")
        case .lm: ("399352003", "latero-medial")
        case .xccl: ("399192003", "cranio-caudal exaggerated laterally")
        case .xccm: ("399101009", "cranio-caudal exaggerated medially")
        case .fb: ("399196000", "caudo-cranial (from below)")
        case .sio: ("399099002", "superolateral to inferomedial oblique")
        case .lmo: ("399173006", "latero-medial oblique")
        case .at: ("399255006", "axillary tail")
        }
    }
}
