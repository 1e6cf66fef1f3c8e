// A PostgreSQL SCRAM-SHA-256 password verifier (RFC 5802 / 7677, as psql's \password makes it):
// `CREATE ROLE … PASSWORD 'SCRAM-SHA-256$4096:salt$StoredKey:ServerKey'` stores it as is, so the
// password itself never reaches the server, its statement log or its catalog.
import Crypto
import Foundation

enum ScramVerifier {
    static let iterations = 4096

    static func make(password: String, salt: [UInt8] = (0..<16).map { _ in UInt8.random(in: 0...255) }) -> String {
        let salted = pbkdf2SHA256(password: Array(password.utf8), salt: salt, iterations: iterations)
        let key = SymmetricKey(data: salted)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: key))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: key))
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }

    /// PBKDF2-HMAC-SHA-256, one 32-byte block (all SCRAM needs).
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = [UInt8](HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var t = u
        for _ in 1..<iterations {
            u = [UInt8](HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in 0..<t.count { t[i] ^= u[i] }
        }
        return t
    }
}
