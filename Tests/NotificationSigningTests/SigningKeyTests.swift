import Foundation
import NotificationSigning
import Testing

/// Signatures and certificates of ``NotificationSigningKey``, each checked with the `openssl`
/// command-line tool the way AWS's documentation verifies a message, never with this module.
@Suite struct SigningKeyTests {
    static let commonName = "sns.us-east-1.arca.test"
    /// 2025-01-02T03:04:05Z.
    static let now = Date(timeIntervalSince1970: 1_735_787_045)
    static let year: TimeInterval = 365 * 24 * 60 * 60

    /// Bytes 0, 1, 2, …: the serial number they make is known in advance.
    static func countingBytes(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0) } }

    /// One key for the suite: RSA key generation takes a while.
    static let key = try! NotificationSigningKey.generate(commonName: commonName, now: now, validFor: year,
                                                          randomBytes: countingBytes)

    static let notification = [
        "Type": "Notification",
        "MessageId": "da41e39f-ea4d-435a-b922-c6aae3915ebe",
        "TopicArn": "arn:aws:sns:us-east-1:111122223333:orders",
        "Subject": "Order shipped",
        "Message": "{\"order\": 42, \"note\": \"héllo\\nwörld\"}\nsecond line 😀",
        "Timestamp": "2025-01-02T03:04:05.678Z",
    ]

    static func digest(_ version: SNSSignatureVersion) -> String {
        switch version {
        case .v1: "sha1"
        case .v2: "sha256"
        }
    }

    // MARK: Signatures

    @Test(arguments: SNSSignatureVersion.allCases)
    func aSignatureVerifiesWithOpenSSLUsingTheVersionsDigest(version: SNSSignatureVersion) throws {
        let string = try SNSStringToSign(fields: Self.notification)
        let signature = try Self.key.sign(string, version: version)
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        #expect(try openssl.verifies(signature: signature, of: string.text, digest: Self.digest(version),
                                     certificatePEM: Self.key.certificatePEM))
        // The digest is part of what is signed: the other version's does not verify.
        let other: SNSSignatureVersion = version == .v1 ? .v2 : .v1
        #expect(try !openssl.verifies(signature: signature, of: string.text, digest: Self.digest(other),
                                      certificatePEM: Self.key.certificatePEM))
    }

    @Test(arguments: ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
    func aConfirmationsSignatureVerifiesWithOpenSSL(type: String) throws {
        let string = try SNSStringToSign(fields: StringToSignTests.confirmation(type))
        let signature = try Self.key.sign(string, version: .v2)
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        #expect(try openssl.verifies(signature: signature, of: string.text, digest: "sha256",
                                     certificatePEM: Self.key.certificatePEM))
    }

    @Test(arguments: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn"])
    func aChangedFieldNoLongerVerifies(field: String) throws {
        let signature = try Self.key.sign(try SNSStringToSign(fields: Self.notification), version: .v1)
        var changed = Self.notification
        changed[field] = changed[field]! + "x"
        let changedString = try SNSStringToSign(fields: changed)
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        #expect(try !openssl.verifies(signature: signature, of: changedString.text, digest: "sha1",
                                      certificatePEM: Self.key.certificatePEM))
    }

    @Test func aSubjectLeftOutNoLongerVerifies() throws {
        let signature = try Self.key.sign(try SNSStringToSign(fields: Self.notification), version: .v2)
        var changed = Self.notification
        changed["Subject"] = nil
        let changedString = try SNSStringToSign(fields: changed)
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        #expect(try !openssl.verifies(signature: signature, of: changedString.text, digest: "sha256",
                                      certificatePEM: Self.key.certificatePEM))
    }

    @Test func aSignatureIsBase64OfOneRSA2048Block() throws {
        let signature = try Self.key.sign(try SNSStringToSign(fields: Self.notification), version: .v2)
        #expect(Data(base64Encoded: signature)?.count == 256)
    }

    // MARK: Storing and loading

    @Test func aStoredKeyLoadsBackAndSignsAsBefore() throws {
        let loaded = try NotificationSigningKey(privateKeyDER: Self.key.privateKeyDER, certificatePEM: Self.key.certificatePEM)
        #expect(loaded.certificatePEM == Self.key.certificatePEM)
        #expect(loaded.privateKeyDER == Self.key.privateKeyDER)
        #expect(loaded.notValidAfter == Self.key.notValidAfter)
        let string = try SNSStringToSign(fields: Self.notification)
        for version in SNSSignatureVersion.allCases {
            // PKCS#1 v1.5 signatures are deterministic: the same key signs the same bytes.
            #expect(try loaded.sign(string, version: version) == Self.key.sign(string, version: version))
        }
    }

    @Test func theStoredPrivateKeyIsPKCS8ThatOpenSSLReads() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.privateKeyDER, to: "key.der")
        let text = try openssl.output(["pkey", "-inform", "DER", "-in", "key.der", "-noout", "-text"])
        #expect(text.contains("Private-Key: (2048 bit"))
        // A PrivateKeyInfo: after its version, the AlgorithmIdentifier names rsaEncryption.
        let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        #expect(Array(Self.key.privateKeyDER[9..<20]) == oid)
    }

    @Test func aPKCS1PrivateKeyLoadsToo() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.privateKeyDER, to: "key.der")
        _ = try openssl.output(["rsa", "-inform", "DER", "-in", "key.der", "-outform", "DER", "-traditional", "-out", "rsa.der"])
        let pkcs1 = try [UInt8](Data(contentsOf: openssl.directory.appendingPathComponent("rsa.der")))
        #expect(pkcs1 != Self.key.privateKeyDER)
        let loaded = try NotificationSigningKey(privateKeyDER: pkcs1, certificatePEM: Self.key.certificatePEM)
        #expect(loaded.privateKeyDER == Self.key.privateKeyDER)
        let string = try SNSStringToSign(fields: Self.notification)
        #expect(try loaded.sign(string, version: .v2) == Self.key.sign(string, version: .v2))
    }

    @Test func aCertificateForAnotherKeyIsRefused() throws {
        let other = try NotificationSigningKey.generate(commonName: "other", now: Self.now, validFor: Self.year,
                                                        randomBytes: Self.countingBytes)
        #expect(throws: NotificationSigningError(code: .invalidKey, message: "")) {
            try NotificationSigningKey(privateKeyDER: Self.key.privateKeyDER, certificatePEM: other.certificatePEM)
        }
    }

    @Test func damagedStoredKeysAreRefused() {
        var truncated = Self.key.privateKeyDER
        truncated.removeLast(10)
        #expect(throws: NotificationSigningError(code: .invalidKey, message: "")) {
            try NotificationSigningKey(privateKeyDER: truncated, certificatePEM: Self.key.certificatePEM)
        }
        let pem = Self.key.certificatePEM.replacingOccurrences(of: "BEGIN CERTIFICATE", with: "BEGIN PUBLIC KEY")
        #expect(throws: NotificationSigningError(code: .invalidKey, message: "")) {
            try NotificationSigningKey(privateKeyDER: Self.key.privateKeyDER, certificatePEM: pem)
        }
    }

    // MARK: The certificate

    @Test func theCertificateIsIssuedByAndToTheCommonNameGiven() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        let names = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253"])
        #expect(names == "subject=CN=\(Self.commonName)\nissuer=CN=\(Self.commonName)")
    }

    @Test func theCertificateIsSignedByItsOwnKey() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        // Trusting only itself, the certificate verifies: its signature is its own key's.
        let verified = try openssl.output(["verify", "-no_check_time", "-check_ss_sig", "-CAfile", "cert.pem", "cert.pem"])
        #expect(verified == "cert.pem: OK")
        let text = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-text"])
        #expect(text.contains("Signature Algorithm: sha256WithRSAEncryption"))
        #expect(text.contains("Public-Key: (2048 bit)"))
    }

    @Test func theCertificateCarriesThePublicKeyOfThePrivateKey() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        try openssl.write(Self.key.privateKeyDER, to: "key.der")
        let fromCertificate = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-pubkey"])
        let fromPrivateKey = try openssl.output(["pkey", "-inform", "DER", "-in", "key.der", "-pubout"])
        #expect(fromCertificate.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(fromCertificate == fromPrivateKey)
    }

    @Test func theCertificateIsValidFromNowForTheTimeGiven() throws {
        #expect(Self.key.notValidAfter == Self.now.addingTimeInterval(Self.year))
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        let dates = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-startdate", "-enddate"])
        #expect(dates == "notBefore=Jan  2 03:04:05 2025 GMT\nnotAfter=Jan  2 03:04:05 2026 GMT")
    }

    @Test func theCertificateIsAnEndEntitysForSignaturesOnly() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        let text = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-ext", "basicConstraints,keyUsage"])
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("Digital Signature"))
        #expect(!text.contains("Certificate Sign"))
    }

    /// The serial is the injected bytes, the top bit cleared and the next set: positive, 20 bytes.
    @Test func theSerialNumberComesFromTheInjectedRandomness() throws {
        let openssl = try OpenSSL()
        defer { openssl.cleanUp() }
        try openssl.write(Self.key.certificatePEM, to: "cert.pem")
        let serial = try openssl.output(["x509", "-in", "cert.pem", "-noout", "-serial"])
        #expect(serial == "serial=400102030405060708090A0B0C0D0E0F10111213")
    }

    // MARK: Secrecy

    @Test func printingOrDumpingAKeyShowsOnlyItsSubject() {
        var dumped = ""
        dump(Self.key, to: &dumped)
        for text in [String(describing: Self.key), String(reflecting: Self.key), dumped] {
            #expect(text.contains("CN=\(Self.commonName)"), "\(text)")
            #expect(!text.lowercased().contains("private"), "\(text)")
            #expect(!text.contains(Data(Self.key.privateKeyDER.prefix(48)).base64EncodedString()), "\(text)")
        }
    }
}
