// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "arca",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "arca", targets: ["arca"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        // Exactly 4.5.2: Sources/CMLDSA declares structures of the BoringSSL that swift-crypto 4.5.2 vendors.
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
    ],
    targets: [
        // Wire: SigV4, AWS JSON, shape validation, error rendering. Knows no KMS, no HTTP server.
        .target(
            name: "AWSWire",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The IAM policy language: parse and validate (evaluation comes with access control).
        .target(name: "AccessPolicy", swiftSettings: swiftSettings),
        // Accounts, principals, access keys and role sessions; STS (and later IAM) operations.
        .target(
            name: "Identity",
            dependencies: ["AWSWire", "AccessPolicy", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The transport-free pipeline: the caller context, the one operation protocol, registries,
        // service descriptors, admission and the stages after an operation; the in-process client.
        .target(
            name: "ServiceCalls",
            dependencies: ["AWSWire", "AccessPolicy", "Identity"],
            swiftSettings: swiftSettings
        ),
        // STS: its wire shapes and one file per STS operation, over Identity's sessions.
        .target(
            name: "SecurityTokens",
            dependencies: ["AWSWire", "AccessPolicy", "Identity", "ServiceCalls"],
            swiftSettings: swiftSettings
        ),
        // IAM: its wire shapes and one file per IAM operation, over Identity's registry.
        .target(
            name: "IdentityManagement",
            dependencies: ["AWSWire", "AccessPolicy", "Identity", "ServiceCalls"],
            swiftSettings: swiftSettings
        ),
        // The SQS domain and one file per SQS operation.
        .target(
            name: "Queues",
            dependencies: ["AWSWire", "AccessPolicy", "Identity", "ServiceCalls",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // SNS filter policies: parsed and validated as SNS does, matched against message
        // attributes or a message body. Pure.
        .target(name: "FilterPolicies", dependencies: ["AWSWire"], swiftSettings: swiftSettings),
        // SNS message signing: the certificate Arca signs notifications with and the signatures of
        // SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA) over AWS's canonical strings. Pure.
        .target(
            name: "NotificationSigning",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        // The SNS domain and one file per SNS operation; delivers to queues through a protocol,
        // never by importing Queues.
        .target(
            name: "Topics",
            dependencies: ["AWSWire", "AccessPolicy", "FilterPolicies", "Identity", "NotificationSigning", "ServiceCalls",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // libsecp256k1 from the system (Debian's libsecp256k1-dev): the ECC_SECG_P256K1 curve.
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),
        // libsodium from the system (Debian's libsodium-dev): Ed25519ph, for ED25519_PH_SHA_512.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // Declarations of the ML-DSA functions of the BoringSSL inside swift-crypto, whose `Crypto`
        // product links their definitions: ML-DSA-44, and signing from a caller's μ (EXTERNAL_MU).
        .target(name: "CMLDSA"),
        // The KMS domain and one file per KMS operation.
        .target(
            name: "KeyManagement",
            dependencies: [
                "AWSWire", "AccessPolicy", "CMLDSA", "CSecp256k1", "CSodium", "Identity", "ServiceCalls",
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA wrapping keys and the AES block function, for importing key material.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                // The PKCS #8 and SubjectPublicKeyInfo structures of ECC_SECG_P256K1 keys.
                .product(name: "SwiftASN1", package: "swift-asn1"),
                // The certificate chains of Nitro Enclaves attestation documents (`Recipient`).
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        // The audit trail: CloudTrail records of every call, their log files, and the CloudTrail API.
        .target(
            name: "AuditTrail",
            dependencies: [
                "AWSWire", "AccessPolicy", "Identity", "ServiceCalls",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Stores for every domain protocol over one SQL layer (SQLite now, PostgreSQL later).
        .target(
            name: "Storage",
            dependencies: [
                "AWSWire", "AuditTrail", "Identity", "KeyManagement", "NotificationSigning", "Queues", "Topics",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: middleware, routing, configuration, background services.
        .target(
            name: "ArcaServer",
            dependencies: [
                "AWSWire", "AuditTrail", "Identity", "IdentityManagement", "KeyManagement", "Queues", "SecurityTokens",
                "ServiceCalls", "Storage", "Topics",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "arca",
            dependencies: [
                "ArcaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Manual clocks, deterministic randomness and AWS error assertions shared by every test target.
        .target(
            name: "ArcaTestSupport",
            dependencies: ["AWSWire", "AccessPolicy", "Identity", "KeyManagement", "NotificationSigning", "Queues", "ServiceCalls", "Topics",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The in-process cost of each stage of an Encrypt call (`swift run -c release arca-stages`).
        .executableTarget(name: "arca-stages", dependencies: ["AWSWire", "ArcaTestSupport", "AuditTrail", "KeyManagement", "ServiceCalls"],
                          swiftSettings: swiftSettings),
        .testTarget(name: "AWSWireTests", dependencies: ["AWSWire", "ArcaTestSupport"], exclude: ["Vectors"], swiftSettings: swiftSettings),
        .testTarget(name: "AccessPolicyTests", dependencies: ["AccessPolicy"], swiftSettings: swiftSettings),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "IdentityManagement", "ArcaTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServiceCallsTests",
            dependencies: ["AWSWire", "AccessPolicy", "ArcaTestSupport", "AuditTrail", "Identity", "KeyManagement", "ServiceCalls"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KeyManagementTests",
            dependencies: ["KeyManagement", "ArcaTestSupport", "ServiceCalls",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "SwiftASN1", package: "swift-asn1"),
                           .product(name: "X509", package: "swift-certificates")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "ArcaTestSupport", "Queues", "Topics"], swiftSettings: swiftSettings),
        .testTarget(name: "QueuesTests", dependencies: ["Queues", "ArcaTestSupport", "ServiceCalls"], swiftSettings: swiftSettings),
        .testTarget(name: "FilterPoliciesTests", dependencies: ["FilterPolicies", "AWSWire"], swiftSettings: swiftSettings),
        .testTarget(name: "NotificationSigningTests", dependencies: ["NotificationSigning"], swiftSettings: swiftSettings),
        .testTarget(name: "TopicsTests", dependencies: ["Topics", "ArcaTestSupport", "ServiceCalls"], swiftSettings: swiftSettings),
        .testTarget(name: "AuditTrailTests", dependencies: ["AuditTrail", "ServiceCalls", .product(name: "Crypto", package: "swift-crypto")],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "ArcaServerTests",
            dependencies: [
                "ArcaServer", "ArcaTestSupport", "AWSWire", "ServiceCalls",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
