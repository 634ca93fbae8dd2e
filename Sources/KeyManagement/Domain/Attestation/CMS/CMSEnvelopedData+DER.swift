import SwiftASN1

extension CMSEnvelopedData {
    /// The values that vary between EnvelopedData messages; everything else is fixed.
    struct Envelope {
        var subjectKeyIdentifier: [UInt8]
        var encryptedKey: [UInt8]
        var iv: [UInt8]
        var encryptedContent: [UInt8]
    }

    /// RFC 5652 §3:
    /// ```
    /// ContentInfo ::= SEQUENCE {
    ///   contentType ContentType,
    ///   content [0] EXPLICIT ANY DEFINED BY contentType }
    /// ```
    struct ContentInfo: DERSerializable {
        var envelope: Envelope

        func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(CMSObjectIdentifiers.envelopedData)
                try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                    try EnvelopedData(envelope: envelope).serialize(into: &coder)
                }
            }
        }
    }

    /// RFC 5652 §6.1:
    /// ```
    /// EnvelopedData ::= SEQUENCE {
    ///   version CMSVersion,
    ///   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
    ///   recipientInfos RecipientInfos,
    ///   encryptedContentInfo EncryptedContentInfo,
    ///   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
    /// ```
    /// The version is 2: "IF ((originatorInfo is absent) AND (unprotectedAttrs is absent) AND
    /// (all RecipientInfo structures are version 0)) THEN version is 0 ELSE version is 2", and the
    /// one recipient is version 2.
    struct EnvelopedData: DERSerializable {
        var envelope: Envelope

        func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(2)
                try coder.appendConstructedNode(identifier: .set) { coder in
                    try KeyTransRecipientInfo(envelope: envelope).serialize(into: &coder)
                }
                try EncryptedContentInfo(envelope: envelope).serialize(into: &coder)
            }
        }
    }

    /// RFC 5652 §6.2.1:
    /// ```
    /// KeyTransRecipientInfo ::= SEQUENCE {
    ///   version CMSVersion,  -- always set to 0 or 2
    ///   rid RecipientIdentifier,
    ///   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
    ///   encryptedKey EncryptedKey }
    /// RecipientIdentifier ::= CHOICE {
    ///   issuerAndSerialNumber IssuerAndSerialNumber,
    ///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
    /// ```
    /// "If the RecipientIdentifier is subjectKeyIdentifier, then the version MUST be 2." The
    /// enclave has a bare key, not a certificate, so the key identifier is the only choice.
    struct KeyTransRecipientInfo: DERSerializable {
        var envelope: Envelope

        func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(2)
                try ASN1OctetString(contentBytes: envelope.subjectKeyIdentifier[...])
                    .serialize(into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
                try RSAESOAEPAlgorithmIdentifier().serialize(into: &coder)
                try coder.serialize(ASN1OctetString(contentBytes: envelope.encryptedKey[...]))
            }
        }
    }

    /// RFC 4055 §4.1 (and RFC 3560 §2.2) names the key encryption algorithm:
    /// ```
    /// RSAES-OAEP-params ::= SEQUENCE {
    ///   hashFunc    [0] AlgorithmIdentifier DEFAULT sha1Identifier,
    ///   maskGenFunc [1] AlgorithmIdentifier DEFAULT mgf1SHA1Identifier,
    ///   pSourceFunc [2] AlgorithmIdentifier DEFAULT pSpecifiedEmptyIdentifier }
    /// sha256Identifier AlgorithmIdentifier ::= { id-sha256, NULL }
    /// mgf1SHA256Identifier AlgorithmIdentifier ::= { id-mgf1, sha256Identifier }
    /// ```
    /// `pSourceFunc` keeps its default (an empty label), which DER omits.
    struct RSAESOAEPAlgorithmIdentifier: DERSerializable {
        func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(CMSObjectIdentifiers.rsaesOAEP)
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                        try Self.serializeSHA256Identifier(into: &coder)
                    }
                    try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(CMSObjectIdentifiers.mgf1)
                            try Self.serializeSHA256Identifier(into: &coder)
                        }
                    }
                }
            }
        }

        private static func serializeSHA256Identifier(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(CMSObjectIdentifiers.sha256)
                try coder.serialize(ASN1Null())
            }
        }
    }

    /// RFC 5652 §6.1:
    /// ```
    /// EncryptedContentInfo ::= SEQUENCE {
    ///   contentType ContentType,
    ///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
    ///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
    /// ```
    /// RFC 3565 §4.1: the AES-CBC algorithm identifier's parameters are "AES-IV ::= OCTET STRING (SIZE(16))".
    struct EncryptedContentInfo: DERSerializable {
        var envelope: Envelope

        func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(CMSObjectIdentifiers.data)
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(CMSObjectIdentifiers.aes256CBC)
                    try coder.serialize(ASN1OctetString(contentBytes: envelope.iv[...]))
                }
                try ASN1OctetString(contentBytes: envelope.encryptedContent[...])
                    .serialize(into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            }
        }
    }
}
