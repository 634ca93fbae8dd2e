import Foundation
import Queues
import Testing

/// What a message must meet to be sent: its body's characters, its size, its attributes, the
/// trace header and the FIFO tokens, each refused with its exact error.
@Suite struct MessageRulesTests {
    static func string(_ value: String, type: String = "String") -> MessageAttributeValue {
        MessageAttributeValue(stringValue: value, dataType: type)
    }

    static func invalid(_ message: String) -> SQSError { SQSError(.invalidParameterValue, message) }

    // MARK: Body

    @Test func anEmptyBodyIsAMissingParameter() {
        #expect(throws: SQSError(.missingRequiredParameter, "The request must contain the parameter MessageBody.")) {
            try MessageRules.checkBody("")
        }
    }

    @Test(arguments: [(Unicode.Scalar(0x0)!, "0"), (Unicode.Scalar(0x8)!, "8"), (Unicode.Scalar(0x1F)!, "1F"),
                      (Unicode.Scalar(0xFFFE)!, "FFFE"), (Unicode.Scalar(0xFFFF)!, "FFFF")])
    func aBodyWithADisallowedCharacterIsRefusedNamingIt(scalar: Unicode.Scalar, hex: String) {
        let expected = SQSError(.invalidMessageContents,
                                "Invalid binary character '#x\(hex)' was found in the message body, the set of allowed characters is "
                                + "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
        #expect(throws: expected) { try MessageRules.checkBody("ok " + String(Character(scalar)) + " ok") }
    }

    @Test(arguments: [0x9, 0xA, 0xD, 0x20, 0xD7FF, 0xE000, 0xFFFD, 0x10000, 0x10FFFF] as [UInt32])
    func aBodyWithAnAllowedCharacterIsAccepted(value: UInt32) throws {
        try MessageRules.checkBody("a" + String(Character(Unicode.Scalar(value)!)) + "b")
    }

    @Test func jsonXMLAndUnicodeTextAreAcceptedAsABody() throws {
        try MessageRules.checkBody(#"{"order": 1, "note": "naïve café 😀"}"#)
        try MessageRules.checkBody("<a>\t\r\n</a>")
        try MessageRules.checkBody(" ")
    }

    // MARK: Size

    @Test func theSizeCountsTheBodyAndEachAttributesNameTypeAndValueInUTF8Bytes() {
        #expect(MessageContent(body: "héllo").size == 6)
        // 4 + ("Name" 4 + "String" 6 + "é" 2) + ("Data" 4 + "Binary" 6 + 3)
        let content = MessageContent(body: "body", attributes: [
            "Name": Self.string("é"),
            "Data": MessageAttributeValue(binaryValue: Data([1, 2, 3]), dataType: "Binary"),
        ])
        #expect(content.size == 29)
        #expect(MessageContent(body: "x", attributes: ["n": Self.string("1", type: "Number.int")]).size == 13)
    }

    @Test(arguments: [false, true])
    func aMessageOfExactlyTheMaximumIsAcceptedAndOneByteMoreIsRefused(inBatch: Bool) throws {
        // 1000 + "Attribute" 9 + "String" 6 + 9 = 1024
        let exact = MessageContent(body: String(repeating: "a", count: 1_000), attributes: ["Attribute": Self.string("123456789")])
        try MessageRules.checkSize(exact, maximum: 1_024, inBatch: inBatch)
        var over = exact
        over.attributes["Attribute"] = Self.string("1234567890")
        let prefix = inBatch ? "One or more parameters cannot be validated." : "One or more parameters are invalid."
        #expect(throws: Self.invalid(prefix + " Reason: Message must be shorter than 1024 bytes.")) {
            try MessageRules.checkSize(over, maximum: 1_024, inBatch: inBatch)
        }
    }

    @Test func aBodyOfMultibyteCharactersCountsItsBytes() throws {
        // 512 two-byte characters are 1,024 bytes; one more ASCII byte is over.
        let body = String(repeating: "é", count: 512)
        try MessageRules.checkSize(MessageContent(body: body), maximum: 1_024, inBatch: false)
        #expect(throws: Self.invalid("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")) {
            try MessageRules.checkSize(MessageContent(body: body + "a"), maximum: 1_024, inBatch: false)
        }
    }

    // MARK: Attributes

    static func attributes(_ count: Int) -> [String: MessageAttributeValue] {
        Dictionary(uniqueKeysWithValues: (1...count).map { ("Attribute\($0)", string("value")) })
    }

    @Test func tenAttributesAreAcceptedAndElevenRefused() throws {
        try MessageRules.checkAttributes(Self.attributes(10))
        #expect(throws: Self.invalid("Number of message attributes [11] exceeds the allowed maximum [10].")) {
            try MessageRules.checkAttributes(Self.attributes(11))
        }
    }

    @Test(arguments: ["", ".name", "name.", "a..b", "AWS.x", "aws.x", "Amazon.x", "amazon.x", "AMAZON.x",
                      String(repeating: "n", count: 257), "my name", "a/b", "a:b", "a@b"])
    func anInvalidAttributeNameIsRefused(name: String) {
        #expect(throws: Self.invalid("Message (user) attribute name '\(name)' is invalid.")) {
            try MessageRules.checkAttributes([name: Self.string("value")])
        }
    }

    @Test(arguments: ["a", "Help.Me", "my_attribute-2", "a.b.c", "AWSTraceHeader", "AmazonX", "aws",
                      String(repeating: "n", count: 256)])
    func aValidAttributeNameIsAccepted(name: String) throws {
        try MessageRules.checkAttributes([name: Self.string("value")])
    }

    @Test func theValidDataTypesAreAccepted() throws {
        try MessageRules.checkAttributes([
            "s": Self.string("text"),
            "n": Self.string("-12.5", type: "Number"),
            "b": MessageAttributeValue(binaryValue: Data([0]), dataType: "Binary"),
            "f": Self.string("3.14", type: "Number.float"),
            "c": Self.string("text", type: "String.custom"),
            "g": MessageAttributeValue(binaryValue: Data([0xFF]), dataType: "Binary.gzip"),
        ])
    }

    @Test(arguments: ["Text", "String.", "Number.", "string", "STRING", "", "Strings", ".String"])
    func anInvalidDataTypeIsRefused(type: String) {
        #expect(throws: Self.invalid("The type of message (user) attribute 'a' is invalid. "
                                     + "You must use only the following supported type prefixes: Binary, Number, String.")) {
            try MessageRules.checkAttributes(["a": Self.string("1", type: type)])
        }
    }

    @Test func anEmptyValueIsRefusedNamingItsType() {
        #expect(throws: Self.invalid("Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.")) {
            try MessageRules.checkAttributes(["ErrorDetails": Self.string("")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 'n' must contain a non-empty value of type 'Number'.")) {
            try MessageRules.checkAttributes(["n": Self.string("", type: "Number")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 'b' must contain a non-empty value of type 'Binary'.")) {
            try MessageRules.checkAttributes(["b": MessageAttributeValue(binaryValue: Data(), dataType: "Binary")])
        }
    }

    @Test func aValueOfTheWrongKindIsRefused() {
        #expect(throws: Self.invalid("Message (user) attribute 's' must contain a non-empty value of type 'String'.")) {
            try MessageRules.checkAttributes(["s": MessageAttributeValue(binaryValue: Data([1]), dataType: "String")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 'b' must contain a non-empty value of type 'Binary'.")) {
            try MessageRules.checkAttributes(["b": MessageAttributeValue(stringValue: "AQ==", dataType: "Binary")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 'b' must contain a non-empty value of type 'Binary'.")) {
            try MessageRules.checkAttributes(["b": MessageAttributeValue(stringValue: "x", binaryValue: Data([1]), dataType: "Binary")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 'none' must contain a non-empty value of type 'String'.")) {
            try MessageRules.checkAttributes(["none": MessageAttributeValue(dataType: "String")])
        }
    }

    @Test(arguments: ["abc", "12abc", "1,5", " 1", "--1", ".", "nan", "inf", "Infinity", "1e"])
    func aNumberThatIsNotNumericIsRefused(value: String) {
        #expect(throws: Self.invalid("Can't cast the value of message (user) attribute 'n' to a number.")) {
            try MessageRules.checkAttributes(["n": Self.string(value, type: "Number")])
        }
        #expect(throws: Self.invalid("Can't cast the value of message (user) attribute 'n' to a number.")) {
            try MessageRules.checkAttributes(["n": Self.string(value, type: "Number.custom")])
        }
    }

    @Test(arguments: ["0", "42", "-7", "3.14", "-0.001", "1e10", String(repeating: "9", count: 38)])
    func aNumericNumberIsAccepted(value: String) throws {
        try MessageRules.checkAttributes(["n": Self.string(value, type: "Number")])
    }

    /// Hexadecimal floats, infinities and NaN, which `Double(_:)` would read, are not numbers.
    @Test(arguments: ["-inf", "+inf", "-infinity", "-nan", "0x10", "0X1A", "-0x10", "0x1p3", "1e127", "1e-129"])
    func aHexadecimalInfiniteOrNaNNumberIsRefused(value: String) {
        #expect(throws: Self.invalid("Can't cast the value of message (user) attribute 'n' to a number.")) {
            try MessageRules.checkAttributes(["n": Self.string(value, type: "Number")])
        }
    }

    @Test func aNumberOfMoreThan38DigitsIsRefused() {
        #expect(throws: Self.invalid("Can't cast the value of message (user) attribute 'n' to a number.")) {
            try MessageRules.checkAttributes(["n": Self.string(String(repeating: "9", count: 39), type: "Number")])
        }
    }

    @Test func aStringValueWithADisallowedCharacterIsRefused() {
        #expect(throws: Self.invalid("Message (user) attribute 's' contains a character that is not allowed.")) {
            try MessageRules.checkAttributes(["s": Self.string("a\u{0}b")])
        }
        #expect(throws: Self.invalid("Message (user) attribute 's' contains a character that is not allowed.")) {
            try MessageRules.checkAttributes(["s": Self.string("\u{FFFE}")])
        }
    }

    @Test func theFirstInvalidAttributeInNameOrderIsReported() {
        let attributes = ["b": Self.string(""), "a": Self.string("1", type: "Text")]
        #expect(throws: Self.invalid("The type of message (user) attribute 'a' is invalid. "
                                     + "You must use only the following supported type prefixes: Binary, Number, String.")) {
            try MessageRules.checkAttributes(attributes)
        }
    }

    // MARK: Trace header

    static func system(_ value: String?, type: String = "String") -> MessageSystemAttributeValue {
        MessageSystemAttributeValue(stringValue: value, dataType: type)
    }

    @Test func noSystemAttributesIsNoTraceHeader() throws {
        #expect(try MessageRules.traceHeader(nil) == nil)
        #expect(try MessageRules.traceHeader([:]) == nil)
    }

    @Test func theTraceHeaderIsReturned() throws {
        let header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        #expect(try MessageRules.traceHeader(["AWSTraceHeader": Self.system(header)]) == header)
    }

    @Test func aSystemAttributeOtherThanTheTraceHeaderIsRefused() {
        #expect(throws: Self.invalid("Message system attribute name 'Foo' is invalid.")) {
            try MessageRules.traceHeader(["Foo": Self.system("x")])
        }
        #expect(throws: Self.invalid("Message system attribute name 'awstraceheader' is invalid.")) {
            try MessageRules.traceHeader(["AWSTraceHeader": Self.system("Root=1"), "awstraceheader": Self.system("x")])
        }
    }

    @Test func theTraceHeaderMustBeANonEmptyString() {
        let expected = Self.invalid("Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.")
        #expect(throws: expected) { try MessageRules.traceHeader(["AWSTraceHeader": Self.system("")]) }
        #expect(throws: expected) { try MessageRules.traceHeader(["AWSTraceHeader": Self.system(nil)]) }
        #expect(throws: expected) { try MessageRules.traceHeader(["AWSTraceHeader": Self.system("Root=1", type: "Binary")]) }
        #expect(throws: expected) { try MessageRules.traceHeader(["AWSTraceHeader": Self.system("Root=1", type: "String.x")]) }
        #expect(throws: expected) {
            try MessageRules.traceHeader(["AWSTraceHeader": MessageSystemAttributeValue(binaryValue: Data([1]), dataType: "Binary")])
        }
    }

    // MARK: FIFO tokens

    static func invalidToken(_ value: String, _ parameter: String) -> SQSError {
        invalid("Value \(value) for parameter \(parameter) is invalid. Reason: \(parameter) can only include alphanumeric "
                + "and punctuation characters. 1 to 128 in length.")
    }

    @Test func aGroupIdWithASpaceIsRefusedWithTheMessageRecordedFromAWS() {
        #expect(throws: SQSError(.invalidParameterValue, "Value group 123 for parameter MessageGroupId is invalid. Reason: "
                                 + "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.")) {
            try MessageRules.checkToken("group 123", parameter: "MessageGroupId")
        }
    }

    @Test(arguments: ["a", "group-1", "0", ##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##, String(repeating: "x", count: 128)])
    func aTokenOfAlphanumericsAndPunctuationIsAccepted(token: String) throws {
        try MessageRules.checkToken(token, parameter: "MessageGroupId")
        try MessageRules.checkToken(token, parameter: "MessageDeduplicationId")
    }

    @Test(arguments: ["", String(repeating: "x", count: 129), "tab\there", "new\nline", "café", "emoji😀", "\u{7F}"])
    func aTokenOutsideTheRulesIsRefused(token: String) {
        #expect(throws: Self.invalidToken(token, "MessageDeduplicationId")) {
            try MessageRules.checkToken(token, parameter: "MessageDeduplicationId")
        }
    }
}
