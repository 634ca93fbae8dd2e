import Crypto
import Testing

@testable import AWSWire

@Suite struct SigV4SigningKeyCacheTests {
    static func hex(_ key: SymmetricKey) -> String {
        key.withUnsafeBytes { SigV4URIEncoding.lowercaseHex($0) }
    }

    @Test func derivesTheSigningKeyAWSDocumentsForItsExample() {
        // AWS SigV4 documentation, "Derive a signing key": IAM, us-east-1, 20120215.
        let key = SigV4SigningKeyCache.derive(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20120215", region: "us-east-1", service: "iam")
        #expect(Self.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func cachedKeyEqualsDerivedKey() {
        let cache = SigV4SigningKeyCache(capacity: 4)
        let first = cache.signingKey(secret: "s", date: "20150830", region: "us-east-1", service: "kms")
        let second = cache.signingKey(secret: "s", date: "20150830", region: "us-east-1", service: "kms")
        #expect(cache.count == 1)
        #expect(Self.hex(first) == Self.hex(second))
        #expect(Self.hex(first) == Self.hex(SigV4SigningKeyCache.derive(secret: "s", date: "20150830", region: "us-east-1", service: "kms")))
    }

    @Test func cacheStaysWithinCapacity() {
        let cache = SigV4SigningKeyCache(capacity: 2)
        for day in ["20150830", "20150831", "20150901", "20150902"] {
            _ = cache.signingKey(secret: "s", date: day[...], region: "us-east-1", service: "kms")
        }
        #expect(cache.count == 2)
    }

    @Test func differentScopesGetDifferentKeys() {
        let cache = SigV4SigningKeyCache()
        let kms = cache.signingKey(secret: "s", date: "20150830", region: "us-east-1", service: "kms")
        let sqs = cache.signingKey(secret: "s", date: "20150830", region: "us-east-1", service: "sqs")
        let other = cache.signingKey(secret: "t", date: "20150830", region: "us-east-1", service: "kms")
        #expect(Set([Self.hex(kms), Self.hex(sqs), Self.hex(other)]).count == 3)
        #expect(cache.count == 3)
    }
}
