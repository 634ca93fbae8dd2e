import Foundation
import Queues
import Testing

/// `MD5OfMessageBody` and `MD5OfMessageAttributes` against digests SDKs check: the first vectors
/// were recorded from AWS, the others computed independently in Python from the algorithm of the
/// SQS Developer Guide.
@Suite struct MessageDigestTests {
    static func string(_ value: String, type: String = "String") -> MessageAttributeValue {
        MessageAttributeValue(stringValue: value, dataType: type)
    }

    static func binary(_ value: [UInt8], type: String = "Binary") -> MessageAttributeValue {
        MessageAttributeValue(binaryValue: Data(value), dataType: type)
    }

    // MARK: Recorded from AWS

    @Test func threeStringAttributesMatchTheDigestRecordedFromAWS() {
        let attributes = ["General": Self.string("Kenobi"), "Hello": Self.string("There"), "Help.Me": Self.string("Me")]
        #expect(MessageDigest.attributesMD5(attributes) == "4c360f3fdafd970e05fae2f149d997f5")
        #expect(MessageContent(body: "x", attributes: attributes).attributesMD5 == "4c360f3fdafd970e05fae2f149d997f5")
    }

    @Test func oneStringAttributeMatchesTheDigestRecordedFromAWS() {
        #expect(MessageDigest.attributesMD5(["Foo": Self.string("Bar")]) == "ae7155c6026991b6d54b11589678bf9c")
        #expect(MessageDigest.attributesMD5(["MyAttribute": Self.string("foobar")]) == "adb59cd4678ea5a855436b949cd07ab6")
    }

    @Test func aBinaryAttributeMatchesTheDigestRecordedFromAWS() {
        // b'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01'
        let value = Array("traceparent".utf8) + [0x1E] + Array("00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01".utf8)
        #expect(MessageDigest.attributesMD5(["attr1": Self.binary(value)]) == "8cbe4db156db8a94db8b801b7addb984")
    }

    @Test(arguments: [
        ("Message 1", "68390233272823b7adf13a1db79b2cd7"),
        ("foobar", "3858f62230ac3c915f300c664312c63f"),
        ("test", "098f6bcd4621d373cade4e832627b4f6"),
    ])
    func bodyDigestMatchesTheDigestRecordedFromAWS(body: String, md5: String) {
        #expect(MessageContent(body: body).bodyMD5 == md5)
    }

    @Test func aMessageWithoutAttributesHasNoAttributeDigest() {
        #expect(MessageDigest.attributesMD5([:]) == nil)
        #expect(MessageContent(body: "test").attributesMD5 == nil)
    }

    // MARK: Computed independently in Python
    //
    // The vectors below are hashlib's, from this Python 3 function (not from Arca):
    //
    //     def enc(b): return struct.pack(">I", len(b)) + b
    //     def md5attrs(attrs):  # {name: (type, str or bytes)}
    //         out = b""
    //         for name in sorted(attrs, key=lambda n: n.encode()):
    //             t, v = attrs[name]
    //             out += enc(name.encode()) + enc(t.encode())
    //             out += b"\x02" + enc(v) if isinstance(v, bytes) else b"\x01" + enc(v.encode())
    //         return hashlib.md5(out).hexdigest()
    //
    // It gives the four digests recorded from AWS above.

    @Test func aNumberAttributeDigestsItsTextAsAString() {
        // md5attrs({"Count": ("Number", "42")})
        #expect(MessageDigest.attributesMD5(["Count": Self.string("42", type: "Number")]) == "e4f5bb7e5116e9e6077cc94f3d330702")
    }

    @Test func customTypesAreDigestedWithTheirWholeTypeName() {
        // md5attrs({"Price": ("Number.float", "3.14"), "blob": ("Binary.gzip", bytes([0, 1, 2, 255]))})
        let attributes = ["Price": Self.string("3.14", type: "Number.float"), "blob": Self.binary([0, 1, 2, 255], type: "Binary.gzip")]
        #expect(MessageDigest.attributesMD5(attributes) == "a3bf61c238e2395538b8eff7e89a1e95")
    }

    @Test func namesAreDigestedInByteOrderWithUppercaseFirst() {
        // md5attrs({"Z": ("String", "é€😀"), "a": ("String", "x"), "B": ("String", "y")}): order B, Z, a;
        // the value's length is its UTF-8 length (9), not its character count (3).
        let attributes = ["Z": Self.string("é€😀"), "a": Self.string("x"), "B": Self.string("y")]
        #expect(MessageDigest.attributesMD5(attributes) == "4859112dd50f5741a1b440042a6ad5bc")
    }

    @Test func aNonASCIINameSortsAfterASCIINames() {
        // md5attrs({"é": ("String", "1"), "z": ("String", "2")}): order z, é.
        #expect(MessageDigest.attributesMD5(["é": Self.string("1"), "z": Self.string("2")]) == "262e22ab70a10545c45dced580588149")
    }

    @Test func theBodyDigestIsOfItsUTF8Bytes() {
        // hashlib.md5("héllo 😀".encode()).hexdigest()
        #expect(MessageContent(body: "héllo 😀").bodyMD5 == "207dd4f0cd7a4f13b4932646cd1f8f2b")
    }

    @Test func theAttributeDigestDependsOnEveryPart() {
        let base = MessageDigest.attributesMD5(["Foo": Self.string("Bar")])
        #expect(MessageDigest.attributesMD5(["Foo": Self.string("Baz")]) != base)
        #expect(MessageDigest.attributesMD5(["Fop": Self.string("Bar")]) != base)
        #expect(MessageDigest.attributesMD5(["Foo": Self.string("Bar", type: "String.x")]) != base)
        // The same bytes as a binary value differ by the transport byte.
        #expect(MessageDigest.attributesMD5(["Foo": Self.binary(Array("Bar".utf8), type: "String")]) != base)
    }
}
