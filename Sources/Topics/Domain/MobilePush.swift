import Foundation
import Identity

/// A platform application: "the platform's credentials and … the endpoints of the app's
/// installations" (CreatePlatformApplication). Arca sends no push notifications: what SNS would
/// push lands in the local inbox, so the credentials are checked and never kept.
public struct MobileApplication: Sendable, Equatable, Codable {
    /// `arn:aws:sns:<region>:<account>:app/<platform>/<name>`.
    public var arn: String
    public var platform: String
    /// The attributes set, the credentials left out.
    public var attributes: [String: String]

    public init(arn: String, platform: String, attributes: [String: String]) {
        self.arn = arn
        self.platform = platform
        self.attributes = attributes
    }

    /// "Enabled … true by default" (recorded from AWS).
    public var reportedAttributes: [String: String] {
        var reported = attributes
        reported["Enabled"] = reported["Enabled"] ?? "true"
        return reported
    }

    /// The platforms CreatePlatformApplication takes.
    static let platforms: Set<String> = ["ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "BAIDU", "GCM", "MPNS", "WNS"]

    /// The attributes of a platform application (SetPlatformApplicationAttributes, `Attributes`).
    static let settableNames: Set<String> = [
        "PlatformCredential", "PlatformPrincipal", "EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated",
        "EventDeliveryFailure", "SuccessFeedbackRoleArn", "FailureFeedbackRoleArn", "SuccessFeedbackSampleRate",
        "ApplePlatformTeamID", "ApplePlatformBundleID", "AuthenticationMethod", "Enabled",
    ]

    /// The credential attributes: checked, never stored or answered.
    static let secretNames: Set<String> = ["PlatformCredential", "PlatformPrincipal"]

    /// Checks `given` as SNS does and answers what is kept (recorded messages).
    static func checked(_ given: [String: String], creating: Bool, requiresPrincipal: Bool) throws(SNSError) -> [String: String] {
        if given["PlatformPrincipal"] != nil, given["PlatformCredential"] == nil, creating {
            throw SNSError.invalidParameter("Attributes", reason: "PlatformPrincipal attribute provided without PlatformCredential")
        }
        if given["PlatformCredential"] != nil, given["PlatformPrincipal"] == nil, creating, requiresPrincipal {
            // The recorded answer for an application created with a credential and no principal.
            throw SNSError.invalidParameter("Attributes", reason: "PlatformCredential attribute provided without PlatformPrincipal")
        }
        var kept: [String: String] = [:]
        for name in given.keys.sorted() {
            guard settableNames.contains(name) else { throw SNSError.invalidParameter("Attributes", reason: "Invalid attribute name: \(name)") }
            if name == "Enabled", !["true", "false"].contains(given[name]!) {
                throw SNSError.invalidParameter("Attributes", reason: "Invalid value for attribute: Enabled: must be true or false")
            }
            if !secretNames.contains(name) { kept[name] = given[name]! }
        }
        return kept
    }
}

/// A platform endpoint: one installation of an app, by its device token.
public struct MobileEndpoint: Sendable, Equatable, Codable {
    /// `arn:aws:sns:<region>:<account>:endpoint/<platform>/<application name>/<id>`.
    public var arn: String
    public var applicationARN: String
    /// `Token`, `CustomUserData`, `Enabled`.
    public var attributes: [String: String]

    public init(arn: String, applicationARN: String, attributes: [String: String]) {
        self.arn = arn
        self.applicationARN = applicationARN
        self.attributes = attributes
    }

    public var isEnabled: Bool { attributes["Enabled"] != "false" }

    /// Checks an endpoint's attributes as SNS does (recorded messages).
    static func checked(_ given: [String: String]) throws(SNSError) -> [String: String] {
        for name in given.keys.sorted() {
            guard ["CustomUserData", "Enabled", "Token"].contains(name) else {
                throw SNSError.invalidParameter("Attributes", reason: "Invalid attribute name: \(name)")
            }
        }
        if let data = given["CustomUserData"], data.utf8.count > 2_048 {
            throw SNSError.invalidParameter("Attributes",
                                            reason: "Invalid value for attribute: CustomUserData: must be at most 2048 bytes long in UTF-8 encoding")
        }
        if let enabled = given["Enabled"], !["true", "false"].contains(enabled) {
            throw SNSError.invalidParameter("Attributes", reason: "Invalid value for attribute: Enabled: must be true or false")
        }
        return given
    }
}
