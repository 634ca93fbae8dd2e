import Testing
@testable import AWSWire

@Suite struct XMLWriterTests {
    func text(_ value: String) -> String {
        var xml = XMLWriter()
        xml.element("V", text: value)
        return String(decoding: xml.bytes, as: UTF8.self)
    }

    @Test func escapesTheFiveMarkupCharacters() {
        #expect(text(#"a&b<c>d"e'f"#) == "<V>a&amp;b&lt;c&gt;d&quot;e&apos;f</V>")
    }

    @Test func escapesTabNewlineAndCarriageReturnSoParsersKeepThem() {
        #expect(text("a\tb\nc\rd\r\n") == "<V>a&#x9;b&#xA;c&#xD;d&#xD;&#xA;</V>")
    }

    @Test func replacesCharactersXMLCannotCarry() {
        #expect(text("a\u{0}b\u{1}c\u{1B}d\u{1F}e\u{FFFE}f\u{FFFF}") == "<V>a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}</V>")
    }

    @Test func keepsOtherUnicodeAsUTF8() {
        #expect(text("ü€😀\u{7F}\u{85}\u{2028}") == "<V>ü€😀\u{7F}\u{85}\u{2028}</V>")
    }

    @Test func escapesTheNamespaceAttribute() {
        var xml = XMLWriter()
        xml.open("R", namespace: #"https://x/?a=1&b="2""#)
        xml.close("R")
        #expect(String(decoding: xml.bytes, as: UTF8.self) == #"<R xmlns="https://x/?a=1&amp;b=&quot;2&quot;"></R>"#)
    }

    @Test func nestsElements() {
        var xml = XMLWriter()
        xml.open("A")
        xml.element("B", text: "1")
        xml.open("C")
        xml.text("<2>")
        xml.close("C")
        xml.close("A")
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "<A><B>1</B><C>&lt;2&gt;</C></A>")
    }
}
