import AWSWire

/// An error the KMS API answers with: an AWS error code and a client-safe message.
///
/// - Important: messages reach the client and the audit trail. They may name keys, aliases and
///   principals; they never carry plaintext, ciphertext, key material or data keys.
public struct KMSError: Error, Sendable, CustomStringConvertible {
    public var code: KMSErrorCode
    public var message: String
    /// The ARN of the key whose pending deletion refused the request: what the reference's
    /// CloudWatch alarm on attempted uses of keys pending deletion counts.
    public var keyPendingDeletion: String?

    public init(_ code: KMSErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension KMSError: Equatable {
    /// Errors are equal when their codes are; the message is for people.
    public static func == (lhs: KMSError, rhs: KMSError) -> Bool { lhs.code == rhs.code }
}

extension KMSError: AWSErrorRenderable {
    public var awsErrorType: String { code.rawValue }
    public var httpStatusCode: Int { code.httpStatusCode }
}

extension KMSError {
    static func keyNotFound(_ arn: String) -> KMSError {
        KMSError(.notFound, "Key '\(arn)' does not exist")
    }

    static func invalidKeyID(_ id: String) -> KMSError {
        KMSError(.notFound, "Invalid keyId '\(id)'")
    }

    static func aliasNotFound(_ arn: String) -> KMSError {
        KMSError(.notFound, "Alias '\(arn)' is not found.")
    }

    static let invalidCiphertext = KMSError(.invalidCiphertext, "")

    static let incorrectKey = KMSError(.incorrectKey,
                                       "The key ID in the request does not identify a CMK that can perform this operation.")

    static let dryRun = KMSError(.dryRunOperation, "The request would have succeeded, but the DryRun option is set.")

    /// "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224." (recorded from AWS), for
    /// every kind of algorithm a key's spec does not have.
    static func incompatible<Algorithm: RawRepresentable>(_ algorithm: Algorithm, with spec: KeySpec) -> KMSError
        where Algorithm.RawValue == String {
        KMSError(.invalidKeyUsage, "Algorithm \(algorithm.rawValue) is incompatible with key spec \(spec.rawValue).")
    }

    static func unsupported(_ what: String) -> KMSError {
        KMSError(.unsupportedOperation, "\(what) is not supported by Arca yet.")
    }

    /// What only the China Regions offer, named with its parameter (`KeySpec SM2`). SM2 is "China
    /// Regions only" (KMS API reference, CreateKey), and AWS refuses it elsewhere with "KeySpec SM2
    /// is not supported in this Region" (recorded in us-east-1); in the China Regions Arca has no
    /// SM2 yet.
    static func chinaRegionsOnly(_ what: String, in region: String) -> KMSError {
        guard region.hasPrefix("cn-") else {
            return KMSError(.unsupportedOperation, "\(what) is not supported in this Region")
        }
        return .unsupported(what)
    }
}
