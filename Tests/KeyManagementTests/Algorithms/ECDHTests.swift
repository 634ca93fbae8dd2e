import ArcaTestSupport
import Foundation
import Testing
@testable import KeyManagement

/// DeriveSharedSecret's ECDH over ECC_NIST_P256/P384/P521 (KEY_AGREEMENT keys).
@Suite struct ECDHTests {
    @Test(arguments: [(KeySpec.eccNistP256, 32), (.eccNistP384, 48), (.eccNistP521, 66)])
    func bothSidesDeriveTheSameSecret(spec: KeySpec, coordinateByteCount: Int) throws {
        let alice = AlgorithmTestKeys.generated(spec, seed: "alice")
        let bob = AlgorithmTestKeys.generated(spec, seed: "bob")
        let aliceSecret = try alice.sharedSecret(withPeer: bob.publicKey.derRepresentation)
        #expect(aliceSecret == (try bob.sharedSecret(withPeer: alice.publicKey.derRepresentation)))
        #expect(aliceSecret.count == coordinateByteCount, "the x-coordinate")
        let carol = AlgorithmTestKeys.generated(spec, seed: "carol")
        #expect(aliceSecret != (try alice.sharedSecret(withPeer: carol.publicKey.derRepresentation)))
    }

    @Test func matchesOpenSSLDerive() throws {
        let key = try AsymmetricPrivateKey(spec: .eccNistP256, pkcs8DER: OpenSSLVectors.p256PKCS8)
        #expect(Array(try key.sharedSecret(withPeer: Data(OpenSSLVectors.p256PeerSPKI))) == OpenSSLVectors.p256SharedSecret)
    }

    @Test func peersOnAnotherCurveOrNotParsingAreRefused() async {
        let key = AlgorithmTestKeys.generated(.eccNistP256)
        let message = "The public key is not a DER-encoded SubjectPublicKeyInfo of a key spec ECC_NIST_P256 public key."
        for peer in [AlgorithmTestKeys.generated(.eccNistP384), AlgorithmTestKeys.generated(.eccNistP521),
                     AlgorithmTestKeys.generated(.eccNistEdwards25519), AlgorithmTestKeys.rsa2048] {
            await expectKMSError(.validation, message: message) { try key.sharedSecret(withPeer: peer.publicKey.derRepresentation) }
        }
        await expectKMSError(.validation, message: message) { try key.sharedSecret(withPeer: Data("garbage".utf8)) }
        // The right header around a point that is not on the curve.
        var offCurve = Array(key.publicKey.derRepresentation)
        offCurve[offCurve.count - 1] ^= 0x01
        await expectKMSError(.validation, message: message) { try key.sharedSecret(withPeer: Data(offCurve)) }
    }

    @Test func keysThatAreNotNISTCurvesAreRefused() async {
        let peer = AlgorithmTestKeys.generated(.eccNistP256).publicKey.derRepresentation
        await expectKMSError(.invalidKeyUsage, message: "Algorithm ECDH is incompatible with key spec RSA_2048.") {
            try AlgorithmTestKeys.rsa2048.sharedSecret(withPeer: peer)
        }
        await expectKMSError(.invalidKeyUsage) {
            try AlgorithmTestKeys.generated(.eccNistEdwards25519).sharedSecret(withPeer: peer)
        }
    }
}
