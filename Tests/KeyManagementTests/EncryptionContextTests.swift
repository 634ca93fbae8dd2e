import Testing
@testable import KeyManagement

@Suite struct EncryptionContextTests {
    @Test func pairsThatConcatenateAlikeStillDiffer() {
        #expect(EncryptionContext.canonicalBytes(["ab": "c"]) != EncryptionContext.canonicalBytes(["a": "bc"]))
        #expect(EncryptionContext.canonicalBytes(["a": "b", "c": "d"]) != EncryptionContext.canonicalBytes(["a": "bc", "": "d"]))
        #expect(EncryptionContext.canonicalBytes(["a": ""]) != EncryptionContext.canonicalBytes(["": "a"]))
    }

    @Test func orderOfPairsDoesNotMatter() {
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        let pairs = (0..<20).map { ("key\($0)", "value\($0)") }
        for (k, v) in pairs { forward[k] = v }
        for (k, v) in pairs.reversed() { backward[k] = v }
        #expect(EncryptionContext.canonicalBytes(forward) == EncryptionContext.canonicalBytes(backward))
    }

    @Test func emptyAndAbsentContextsAreTheSame() {
        #expect(EncryptionContext.canonicalBytes(nil) == [])
        #expect(EncryptionContext.canonicalBytes([:]) == [])
    }

    @Test func layoutIsSortedLengthPrefixedUTF8() {
        let bytes = EncryptionContext.canonicalBytes(["b": "2", "a": "é"])
        #expect(bytes == [0, 0, 0, 1, 0x61, 0, 0, 0, 2, 0xC3, 0xA9, 0, 0, 0, 1, 0x62, 0, 0, 0, 1, 0x32])
    }

    @Test func keysAreCaseSensitive() {
        #expect(EncryptionContext.canonicalBytes(["App": "x"]) != EncryptionContext.canonicalBytes(["app": "x"]))
    }
}
