import Testing
@testable import KeyManagement

@Suite struct InputMismatchTests {
    @Test("a different μ is rejected", arguments: MLDSAParameterSet.allCases)
    func wrongMuIsRejected(parameters: MLDSAParameterSet) {
        let set = MLDSAFixtures.set(for: parameters)
        let fixture = set.valid[0]
        for wrongMu in [fixture.mu.flippingBit(0), fixture.mu.flippingBit(511), set.valid[1].mu] {
            #expect(failure(signature: fixture.signature, mu: wrongMu, publicKey: fixture.publicKey,
                            parameters: parameters) == .challengeMismatch)
        }
    }

    @Test("a different public key is rejected", arguments: MLDSAParameterSet.allCases)
    func wrongPublicKeyIsRejected(parameters: MLDSAParameterSet) {
        let set = MLDSAFixtures.set(for: parameters)
        let fixture = set.valid[0]
        let otherKey = set.valid[2].publicKey
        #expect(otherKey != fixture.publicKey)
        // Flips in ρ (changes A) and in the last t1 coefficient.
        for wrongKey in [otherKey, fixture.publicKey.flippingBit(0), fixture.publicKey.flippingBit(8 * fixture.publicKey.count - 1)] {
            #expect(failure(signature: fixture.signature, mu: fixture.mu, publicKey: wrongKey,
                            parameters: parameters) == .challengeMismatch)
        }
    }

    @Test("wrong lengths are rejected", arguments: MLDSAParameterSet.allCases)
    func wrongLengthsAreRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        let sig = fixture.signature, mu = fixture.mu, pk = fixture.publicKey
        for badSignature in [[], Array(sig.dropLast()), sig + [0], Array(sig.dropFirst())] {
            #expect(failure(signature: badSignature, mu: mu, publicKey: pk, parameters: parameters) == .invalidSignatureLength)
        }
        for badKey in [[], Array(pk.dropLast()), pk + [0]] {
            #expect(failure(signature: sig, mu: mu, publicKey: badKey, parameters: parameters) == .invalidPublicKeyLength)
        }
        for badMu in [[], Array(mu.dropLast()), mu + [0], Array(mu[..<32])] {
            #expect(failure(signature: sig, mu: badMu, publicKey: pk, parameters: parameters) == .invalidMuLength)
        }
    }

    @Test("a signature is rejected under the other parameter sets", arguments: MLDSAParameterSet.allCases)
    func otherParameterSetIsRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        for other in MLDSAParameterSet.allCases where other != parameters {
            #expect(!MLDSAExternalMuVerifier.isValid(
                signature: fixture.signature, mu: fixture.mu, publicKey: fixture.publicKey, parameters: other))
        }
    }

    @Test("a public key of all zero or all one bytes does not crash and rejects", arguments: MLDSAParameterSet.allCases)
    func degenerateInputsAreRejected(parameters: MLDSAParameterSet) {
        let fixture = MLDSAFixtures.set(for: parameters).valid[0]
        for fill: UInt8 in [0x00, 0xFF] {
            let key = [UInt8](repeating: fill, count: parameters.publicKeyByteCount)
            let signature = [UInt8](repeating: fill, count: parameters.signatureByteCount)
            #expect(!MLDSAExternalMuVerifier.isValid(
                signature: fixture.signature, mu: fixture.mu, publicKey: key, parameters: parameters))
            #expect(!MLDSAExternalMuVerifier.isValid(
                signature: signature, mu: fixture.mu, publicKey: fixture.publicKey, parameters: parameters))
        }
    }
}
