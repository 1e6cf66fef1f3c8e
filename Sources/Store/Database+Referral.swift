// Frozen decision-referral thresholds: the first calibration of a model (id and version) at a
// pair of targets is stored and used by every later referral session, so a study's thresholds
// never move under it.
import Foundation
import GRDB
import MammoCore

/// Thresholds stored for a model and a pair of targets.
public struct StoredReferralThresholds: Equatable, Sendable {
    public var model: String
    public var ntTarget: Double
    public var snTarget: Double
    public var normalTriage: Double
    public var safetyNet: Double
    public var cases: Int
    public var createdAt: Timestamp

    public init(model: String, ntTarget: Double, snTarget: Double, normalTriage: Double, safetyNet: Double, cases: Int, createdAt: Timestamp) {
        self.model = model; self.ntTarget = ntTarget; self.snTarget = snTarget
        self.normalTriage = normalTriage; self.safetyNet = safetyNet; self.cases = cases; self.createdAt = createdAt
    }
}

extension Database {
    public func referralThresholds(model: String, ntTarget: Double, snTarget: Double) throws(StoreError) -> StoredReferralThresholds? {
        try readSession(doing: "cannot read the referral thresholds") { session in
            try session.fetchOne("SELECT * FROM referral_thresholds WHERE model = ? AND ntTarget = ? AND snTarget = ?",
                             [model, ntTarget, snTarget]).map {
                try StoredReferralThresholds(model: $0["model"], ntTarget: $0["ntTarget"], snTarget: $0["snTarget"],
                                         normalTriage: $0["normalTriage"], safetyNet: $0["safetyNet"], cases: $0["cases"],
                                         createdAt: $0.timestamp("createdAt", in: "referral_thresholds"))
            }
        }
    }

    /// Stores `t` unless thresholds for its model and targets exist; returns the ones in force.
    public func freezeReferralThresholds(_ t: StoredReferralThresholds) throws(StoreError) -> StoredReferralThresholds {
        try writeSession(doing: "cannot store the referral thresholds") { session in
            try session.execute("""
                INSERT INTO referral_thresholds (model, ntTarget, snTarget, normalTriage, safetyNet, cases, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [t.model, t.ntTarget, t.snTarget, t.normalTriage, t.safetyNet, t.cases, t.createdAt.text])
        }
        return try referralThresholds(model: t.model, ntTarget: t.ntTarget, snTarget: t.snTarget) ?? t
    }
}

extension Database {
    /// The thresholds most recently frozen for `model` ("id version"), whatever their targets:
    /// the ones a deployment's monitor counts triage and safety-net rates under.
    public func latestReferralThresholds(model: String) throws(StoreError) -> StoredReferralThresholds? {
        try readSession(doing: "cannot read the referral thresholds") { session in
            try session.fetchOne("SELECT * FROM referral_thresholds WHERE model = ? ORDER BY id DESC LIMIT 1", [model]).map {
                try StoredReferralThresholds(model: $0["model"], ntTarget: $0["ntTarget"], snTarget: $0["snTarget"],
                                             normalTriage: $0["normalTriage"], safetyNet: $0["safetyNet"], cases: $0["cases"],
                                             createdAt: $0.timestamp("createdAt", in: "referral_thresholds"))
            }
        }
    }
}
