// The drift statistics the monitor computes and can alarm on.

public enum DriftStatistic: String, Sendable, Hashable, Codable, CaseIterable {
    case psi
    case ks
    case wasserstein
}
