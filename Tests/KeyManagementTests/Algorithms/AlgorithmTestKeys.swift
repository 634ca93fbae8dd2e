import ArcaTestSupport
import Foundation
@testable import KeyManagement

/// Keys the algorithm tests share: RSA keys are read from OpenSSL's, not generated, because RSA
/// generation is slow in debug builds; EC and Ed25519 keys come from a seeded source.
enum AlgorithmTestKeys {
    static let rsa2048 = try! AsymmetricPrivateKey(spec: .rsa2048, pkcs8DER: OpenSSLVectors.rsa2048PKCS8)
    static let rsa3072 = try! AsymmetricPrivateKey(spec: .rsa3072, pkcs8DER: OpenSSLVectors.rsa3072PKCS8)
    static let rsa4096 = try! AsymmetricPrivateKey(spec: .rsa4096, pkcs8DER: OpenSSLVectors.rsa4096PKCS8)

    static func generated(_ spec: KeySpec, seed: String = "algorithm-tests") -> AsymmetricPrivateKey {
        let random = SeededRandom(seed: "\(seed)-\(spec.rawValue)")
        return try! AsymmetricPrivateKey(generating: spec, randomBytes: random.bytes)
    }
}
