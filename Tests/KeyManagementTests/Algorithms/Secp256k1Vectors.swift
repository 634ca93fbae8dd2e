import Foundation

/// ECC_SECG_P256K1 keys and signatures made by other implementations: the OpenSSL 3.0 CLI, the
/// `ecdsa` Python package (pure Python, RFC 6979) and Wycheproof (`ecdsa_secp256k1_sha256_test.json`).
enum Secp256k1Vectors {
    /// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out key.pem` then
    /// `openssl pkcs8 -topk8 -nocrypt -in key.pem -outform DER`: PKCS #8 with the public key inside.
    static let opensslPKCS8 = Data(base64Encoded: """
        MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgER4ml5lfw+dqPCwgWcEK64UzBJrpHe+reB2v45bhNDahRANCAARZqSLs
        dEDBQfYIzBY/1dUlkEupdk/lTGqCqYRncvb4aCPaX5L/RmbGq6CH9PcqMA2WSioj/54ln/Pc1OT1YLIW
        """, options: .ignoreUnknownCharacters)!
    /// `openssl pkey -in key.pem -pubout -outform DER`.
    static let opensslSPKI = Data(base64Encoded: """
        MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEWaki7HRAwUH2CMwWP9XVJZBLqXZP5UxqgqmEZ3L2+Ggj2l+S/0Zmxqugh/T3KjANlkoq
        I/+eJZ/z3NTk9WCyFg==
        """, options: .ignoreUnknownCharacters)!
    /// `openssl ec -in key.pem -outform DER`: the same key in SEC 1 form (an `ECPrivateKey` alone,
    /// with `parameters [0]`), which is not PKCS #8.
    static let opensslSEC1 = [UInt8](hex: """
        30740201010420111e2697995fc3e76a3c2c2059c10aeb8533049ae91defab781dafe396e13436a00706052b8104000a
        a1440342000459a922ec7440c141f608cc163fd5d525904ba9764fe54c6a82a9846772f6f86823da5f92ff4666c6aba0
        87f4f72a300d964a2a23ff9e259ff3dcd4e4f560b216
        """)

    static let message = Data("Arca signs this message with ECDSA_SHA_256 on secp256k1.".utf8)
    /// `openssl dgst -sha256 -sign key.pem message`: OpenSSL's random nonce happened to give a high S.
    static let opensslHighSSignature = Data([UInt8](hex: """
        304502204532fb361f8831e9d8773973909a888fccd4d8f6606ec91dcb3e731a643d296a022100fe7d97a214e9db2919
        96fb47cab8c698e3ea0f6ab64046a6052821884555c25c
        """))
    /// The same signature with s replaced by n − s.
    static let opensslLowSSignature = Data([UInt8](hex: """
        304402204532fb361f8831e9d8773973909a888fccd4d8f6606ec91dcb3e731a643d296a02200182685deb1624d6e669
        04b835473965d6c4cd7bf9085995baaa3d048ae07ee5
        """))
    /// `ecdsa.SigningKey.sign_deterministic(message, hashfunc=sha256)` (RFC 6979) with s taken as
    /// min(s, n − s): what libsecp256k1's RFC 6979 nonce and low-S rule must give for this key.
    static let rfc6979LowSSignature = Data([UInt8](hex: """
        3045022100c26e6a8c32ad115d68f43bda9dc55dc66a13be8f72db4d9919d499a9b9867e3b0220125121915b131d81ca
        312a735145fc361a1f82f49cfb4c71b6bc22a9b297253e
        """))

    /// A Wycheproof test: the SPKI of its group's key, the message, the signature, and whether it is valid.
    struct Wycheproof: Sendable, CustomStringConvertible {
        var tcId: Int
        var spki: String
        var message: String
        var signature: String
        var valid: Bool
        var description: String { "Wycheproof tcId \(tcId)" }
    }

    private static let groupOne = "3056301006072a8648ce3d020106052b8104000a03420004b838ff44e5bc177bf21189d0766082fc9d843226887fc9760371100b7ee20a6ff0c9d75bfba7b31a6bca1974496eeb56de357071955d83c4b1badaa0b21832e9"

    /// ecdsa_secp256k1_sha256_test.json (Wycheproof 0.8r12). "valid" includes high-S signatures
    /// (tcId 1: "signature malleability"; tcId 287: s = n − 3), which plain libsecp256k1 refuses.
    static let wycheproof: [Wycheproof] = [
        Wycheproof(tcId: 1, spki: groupOne, message: "313233343030",
                   signature: "3046022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365022100900e75ad233fcc908509dbff5922647db37c21f4afd3203ae8dc4ae7794b0f87",
                   valid: true),
        // "Legacy: ASN encoding of r misses leading 0": "acceptable" to Wycheproof, refused as not DER.
        Wycheproof(tcId: 2, spki: groupOne, message: "313233343030",
                   signature: "30440220813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba",
                   valid: false),
        Wycheproof(tcId: 3, spki: groupOne, message: "313233343030",
                   signature: "3045022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba",
                   valid: true),
        // "long form encoding of length of sequence" (BER).
        Wycheproof(tcId: 4, spki: groupOne, message: "313233343030",
                   signature: "308145022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba",
                   valid: false),
        // "appending 0's to sequence".
        Wycheproof(tcId: 20, spki: groupOne, message: "313233343030",
                   signature: "3047022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba0000",
                   valid: false),
        // "r,s are large".
        Wycheproof(tcId: 287, spki: "3056301006072a8648ce3d020106052b8104000a03420004bc97e7585eecad48e16683bc4091708e1a930c683fc47001d4b383594f2c4e22705989cf69daeadd4e4e4b8151ed888dfec20fb01728d89d56b3f38f2ae9c8c5",
                   message: "313233343030",
                   signature: "3046022100fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413f022100fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413e",
                   valid: true),
        // "small r and s".
        Wycheproof(tcId: 292, spki: "3056301006072a8648ce3d020106052b8104000a034200042e1f466b024c0c3ace2437de09127fed04b706f94b19a21bb1c2acf35cece7180449ae3523d72534e964972cfd3b38af0bddd9619e5af223e4d1a40f34cf9f1d",
                   message: "313233343030", signature: "3006020101020103", valid: true),
        // "r is larger than n".
        Wycheproof(tcId: 293, spki: "3056301006072a8648ce3d020106052b8104000a034200042e1f466b024c0c3ace2437de09127fed04b706f94b19a21bb1c2acf35cece7180449ae3523d72534e964972cfd3b38af0bddd9619e5af223e4d1a40f34cf9f1d",
                   message: "313233343030",
                   signature: "3026022100fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142020103",
                   valid: false),
    ]
}
