import Testing
@testable import KeyManagement

@Suite struct ValidSignatureTests {
    @Test("dilithium-py signatures verify from μ", arguments: MLDSAFixtures.allValid)
    func validSignatureVerifies(parameters: MLDSAParameterSet, fixture: MLDSAFixture) throws {
        try MLDSAExternalMuVerifier.verify(
            signature: fixture.signature, mu: fixture.mu, publicKey: fixture.publicKey, parameters: parameters)
        #expect(MLDSAExternalMuVerifier.isValid(
            signature: fixture.signature, mu: fixture.mu, publicKey: fixture.publicKey, parameters: parameters))
    }

    @Test("μ helper matches hashlib", arguments: MLDSAFixtures.allValid.filter { $0.1.messageHex != nil })
    func muHelperMatchesHashlib(parameters: MLDSAParameterSet, fixture: MLDSAFixture) throws {
        let message = try #require(fixture.message)
        #expect(MLDSAMessageRepresentative.mu(publicKey: fixture.publicKey, message: message) == fixture.mu)
        #expect(MLDSAMessageRepresentative.mu(publicKey: fixture.publicKey, message: message, context: []) == fixture.mu)
    }

    @Test func muHelperSeparatesContexts() throws {
        let fixture = MLDSAFixtures.mlDSA44.valid[1]
        let message = try #require(fixture.message)
        let withContext = MLDSAMessageRepresentative.mu(publicKey: fixture.publicKey, message: message, context: [1])
        #expect(withContext != nil && withContext != fixture.mu)
        #expect(MLDSAMessageRepresentative.mu(
            publicKey: fixture.publicKey, message: message, context: [UInt8](repeating: 0, count: 256)) == nil)
    }

    @Test func fixturesCoverEmptyMessageAndBothKeys() {
        for parameters in MLDSAParameterSet.allCases {
            let set = MLDSAFixtures.set(for: parameters)
            #expect(set.valid.contains { $0.messageHex == "" })
            #expect(Set(set.valid.map(\.publicKeyHex)).count == 2)
            #expect(set.valid.allSatisfy { $0.signature.count == parameters.signatureByteCount })
            #expect(set.valid.allSatisfy { $0.publicKey.count == parameters.publicKeyByteCount })
        }
    }

    @Test func encodedSizesMatchFIPS204Table2() {
        #expect(MLDSAParameterSet.allCases.map(\.publicKeyByteCount) == [1312, 1952, 2592])
        #expect(MLDSAParameterSet.allCases.map(\.signatureByteCount) == [2420, 3309, 4627])
    }
}
