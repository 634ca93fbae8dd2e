import Foundation
import SwiftASN1
import X509

/// The root certificate an attestation document's `cabundle[0]` must equal, byte for byte.
///
/// - Important: Production passes ``awsNitroEnclavesRootG1()``. AWS KMS "relies on the digital
///   signature for the attestation document to prove that the public key in the request came
///   from a valid source. You cannot supply your own certificate to digitally sign the attestation
///   document." A caller-chosen root is for tests only.
struct NitroTrustAnchor: Sendable, Hashable {
    /// The DER encoding the document's `cabundle[0]` is compared with.
    let derEncoded: [UInt8]
    /// The parsed certificate, used as the verifier's only root.
    let certificate: Certificate

    /// Parses `derEncoded` as an X.509 certificate.
    init(derEncoded: [UInt8]) throws(AttestationError) {
        do {
            self.certificate = try Certificate(derEncoded: derEncoded)
        } catch {
            throw AttestationError(.invalidTrustAnchor, "the trust anchor is not a DER X.509 certificate")
        }
        self.derEncoded = derEncoded
    }

    /// The AWS Nitro Enclaves Root-G1 certificate (CN=aws.nitro-enclaves, O=Amazon, OU=AWS, C=US,
    /// valid 2019-10-28 to 2049-10-28, ECDSA P-384).
    ///
    /// AWS publishes its SHA-256 fingerprint as
    /// `64:1A:03:21:A3:E2:44:EF:E4:56:46:31:95:D6:06:31:7E:D7:CD:CC:3C:17:56:E0:98:93:F3:C6:8F:79:BB:5B`;
    /// the test suite checks these bytes against it, in Swift and with `openssl x509 -fingerprint`.
    static func awsNitroEnclavesRootG1() throws(AttestationError) -> NitroTrustAnchor {
        guard let der = Data(base64Encoded: awsNitroEnclavesRootG1Base64) else {
            throw AttestationError(.invalidTrustAnchor, "the built-in root is not valid base64")
        }
        return try NitroTrustAnchor(derEncoded: Array(der))
    }

    /// SHA-256 fingerprint 641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B.
    static let awsNitroEnclavesRootG1Base64 =
        "MIICETCCAZagAwIBAgIRAPkxdWgbkK/hHUbMtOTn+FYwCgYIKoZIzj0EAwMwSTELMAkGA1UEBhMCVVMxDzANBgNVBAoMBkFtYXpvbjEMMAoGA1UECwwDQVdTMRswGQYDVQQDDBJhd3Mubml0cm8tZW5jbGF2ZXMwHhcNMTkxMDI4MTMyODA1WhcNNDkxMDI4MTQyODA1WjBJMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGQW1hem9uMQwwCgYDVQQLDANBV1MxGzAZBgNVBAMMEmF3cy5uaXRyby1lbmNsYXZlczB2MBAGByqGSM49AgEGBSuBBAAiA2IABPwCVOumCMHzaHDimtqQvkY4MpJzbolL//Zy2YlES1BR5TSksfbb48C8WBoyt7F2Bw7eEtaaP+ohG2bnUs990d0JX28TcPQXCEPZ3BABIeTPYwEoCWZEh8l5YoQwTcU/9KNCMEAwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUkCW1DdkFR+eWw5b6cp3PmanfS5YwDgYDVR0PAQH/BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYCMQCjfy+Rocm9Xue4YnwWmNJVA44fA0P5W2OpYow9OYCVRaEevL8uO1XYru5xtMPWrfMCMQCi85sWBbJwKKXdS6BptQFuZbT73o/gBh1qUxl/nNr12UO8Yfwr6wPLb+6NIwLz3/Y="
}
