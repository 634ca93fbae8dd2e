import NotificationSigning
import Testing

/// The string to sign of each message type against the layout AWS documents, written out by hand,
/// and the fields refused because verifiers would rebuild a different string from them.
@Suite struct StringToSignTests {
    static let notification = [
        "Type": "Notification",
        "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        "TopicArn": "arn:aws:sns:us-west-2:123456789012:MyTopic",
        "Subject": "My First Message",
        "Message": "Hello world!",
        "Timestamp": "2012-05-02T00:54:06.655Z",
        // Present in the JSON, never signed.
        "SignatureVersion": "1",
        "SigningCertURL": "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
        "UnsubscribeURL": "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0",
    ]

    static func confirmation(_ type: String) -> [String: String] {
        [
            "Type": type,
            "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
            "TopicArn": "arn:aws:sns:us-west-2:123456789012:MyTopic",
            "Message": "You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            "SubscribeURL": "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37",
            "Timestamp": "2012-04-26T20:45:04.751Z",
            "SignatureVersion": "2",
        ]
    }

    static func error(_ fields: [String: String]) -> NotificationSigningError? {
        do {
            _ = try SNSStringToSign(fields: fields)
            return nil
        } catch {
            return error
        }
    }

    // MARK: The documented layout

    @Test func aNotificationWithASubjectSignsSixFieldsInByteOrderOfTheirNames() throws {
        let string = try SNSStringToSign(fields: Self.notification)
        #expect(string.type == .notification)
        #expect(string.text == """
            Message
            Hello world!
            MessageId
            22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324
            Subject
            My First Message
            Timestamp
            2012-05-02T00:54:06.655Z
            TopicArn
            arn:aws:sns:us-west-2:123456789012:MyTopic
            Type
            Notification

            """)
    }

    @Test func aNotificationWithoutASubjectLeavesTheSubjectLineOut() throws {
        var fields = Self.notification
        fields["Subject"] = nil
        #expect(try SNSStringToSign(fields: fields).text == """
            Message
            Hello world!
            MessageId
            22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324
            Timestamp
            2012-05-02T00:54:06.655Z
            TopicArn
            arn:aws:sns:us-west-2:123456789012:MyTopic
            Type
            Notification

            """)
    }

    @Test(arguments: ["SubscriptionConfirmation", "UnsubscribeConfirmation"])
    func aConfirmationSignsSubscribeURLAndToken(type: String) throws {
        let fields = Self.confirmation(type)
        let string = try SNSStringToSign(fields: fields)
        #expect(string.type.rawValue == type)
        #expect(string.text == """
            Message
            \(fields["Message"]!)
            MessageId
            165545c9-2a5c-472c-8df2-7ff2be2b3b1b
            SubscribeURL
            \(fields["SubscribeURL"]!)
            Timestamp
            2012-04-26T20:45:04.751Z
            Token
            \(fields["Token"]!)
            TopicArn
            arn:aws:sns:us-west-2:123456789012:MyTopic
            Type
            \(type)

            """)
    }

    @Test func valuesAreSignedAsTheyAreWithTheirNewlinesAndNonASCII() throws {
        var fields = Self.notification
        fields["Message"] = "line one\nline \"two\"\t😀"
        fields["Subject"] = nil
        #expect(try SNSStringToSign(fields: fields).text.hasPrefix("Message\nline one\nline \"two\"\t😀\nMessageId\n"))
    }

    @Test func theSignedFieldsOfEachTypeAreInByteOrderOfTheirNames() {
        for type in SNSMessageType.allCases {
            let names = type.signedFields.map { Array($0.rawValue.utf8) }
            #expect(names == names.sorted { $0.lexicographicallyPrecedes($1) }, "\(type)")
        }
    }

    // MARK: Refused

    @Test func aTypeSNSDoesNotSignIsRefused() {
        var fields = Self.notification
        fields["Type"] = "Notice"
        #expect(Self.error(fields)?.code == .unknownMessageType)
        fields["Type"] = nil
        #expect(Self.error(fields)?.code == .unknownMessageType)
        // The type is matched exactly, as verifiers do.
        fields["Type"] = "notification"
        #expect(Self.error(fields)?.code == .unknownMessageType)
    }

    @Test(arguments: ["Message", "MessageId", "Timestamp", "TopicArn"])
    func aNotificationWithoutARequiredFieldIsRefused(field: String) {
        var fields = Self.notification
        fields[field] = nil
        let error = Self.error(fields)
        #expect(error?.code == .missingField)
        #expect(error?.message.contains(field) == true)
    }

    @Test(arguments: ["SubscribeURL", "Token", "Message", "MessageId", "Timestamp", "TopicArn"])
    func aConfirmationWithoutARequiredFieldIsRefused(field: String) {
        var fields = Self.confirmation("SubscriptionConfirmation")
        fields[field] = nil
        #expect(Self.error(fields)?.code == .missingField)
    }

    /// The Ruby SDK skips an empty value, the PHP one signs it: only absence verifies with both.
    @Test(arguments: ["Subject", "Message"])
    func anEmptySignedValueIsRefused(field: String) {
        var fields = Self.notification
        fields[field] = ""
        #expect(Self.error(fields)?.code == .emptyField)
    }

    /// The SDK verifiers sign any of the eight names they find, whatever the type.
    @Test func aFieldOfAnotherTypesLayoutIsRefused() {
        var notification = Self.notification
        notification["Token"] = "t"
        #expect(Self.error(notification)?.code == .unexpectedField)
        notification["Token"] = nil
        notification["SubscribeURL"] = "https://example.com/"
        #expect(Self.error(notification)?.code == .unexpectedField)

        var confirmation = Self.confirmation("UnsubscribeConfirmation")
        confirmation["Subject"] = "s"
        #expect(Self.error(confirmation)?.code == .unexpectedField)
    }
}
