import Testing
@testable import AWSWire

@Suite struct AWSQueryParametersTests {
    func parse(_ body: String) throws(AWSRequestError) -> AWSQueryParameters {
        try AWSQueryParameters(formURLEncoded: Array(body.utf8))
    }

    @Test func botocoreBodyDecodesPercentEscapesAndPlusAsSpace() throws {
        // CreateUser as botocore's QuerySerializer sends it.
        let parameters = try parse(
            "Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Feng%2F&Tags.member.1.Key=team"
                + "&Tags.member.1.Value=a+b%26c%3Dd%2Be&Tags.member.2.Key=cost-center&Tags.member.2.Value=%C3%BC%E2%82%AC")
        #expect(parameters.values == [
            "Action": "CreateUser", "Version": "2010-05-08", "UserName": "alice", "Path": "/eng/",
            "Tags.member.1.Key": "team", "Tags.member.1.Value": "a b&c=d+e",
            "Tags.member.2.Key": "cost-center", "Tags.member.2.Value": "ü€",
        ])
        #expect(parameters.action == "CreateUser")
        #expect(parameters.version == "2010-05-08")
    }

    @Test func lowerCaseEscapesDecode() throws {
        #expect(try parse("Name=%c3%bc%2f")["Name"] == "ü/")
    }

    @Test func valueKeepsEveryEqualsSignAfterTheFirst() throws {
        #expect(try parse("Policy=a=b=c")["Policy"] == "a=b=c")
    }

    @Test func pairWithoutEqualsHasEmptyValue() throws {
        let parameters = try parse("Action=ListUsers&Marker")
        #expect(parameters["Marker"] == "")
    }

    @Test func emptyPairsAreSkipped() throws {
        #expect(try parse("&&Action=ListUsers&&").values == ["Action": "ListUsers"])
        #expect(try parse("").values.isEmpty)
    }

    @Test func missingOrEmptyActionAndVersionReadAsNil() throws {
        #expect(try parse("UserName=alice").action == nil)
        #expect(try parse("Action=&Version=").action == nil)
        #expect(try parse("Action=&Version=").version == nil)
    }

    @Test func duplicateNameIsRefused() {
        #expect(throws: AWSRequestError.serialization("The request body gives parameter 'UserName' more than once")) {
            try parse("UserName=alice&UserName=bob")
        }
    }

    @Test func duplicateNameIsRefusedAfterDecoding() {
        #expect(throws: AWSRequestError.serialization("The request body gives parameter 'User Name' more than once")) {
            try parse("User+Name=a&User%20Name=b")
        }
    }

    @Test(arguments: ["Name=%", "Name=%4", "Name=%zz", "Name=ab%g1"])
    func brokenEscapeInValueIsRefusedWithoutEchoingIt(body: String) {
        #expect(throws: AWSRequestError.serialization(
            "The request body is not valid application/x-www-form-urlencoded: the value of parameter 'Name' is malformed")) {
            try parse(body)
        }
    }

    @Test func brokenEscapeInNameIsRefused() {
        #expect(throws: AWSRequestError.serialization(
            "The request body is not valid application/x-www-form-urlencoded: a parameter name is malformed")) {
            try parse("Na%2=x")
        }
    }

    @Test func valueThatIsNotUTF8IsRefused() {
        #expect(throws: AWSRequestError.serialization(
            "The request body is not valid application/x-www-form-urlencoded: the value of parameter 'Password' is malformed")) {
            try parse("Password=%C3%28")
        }
    }

    @Test func pairWithoutNameIsRefused() {
        #expect(throws: AWSRequestError.serialization(
            "The request body is not valid application/x-www-form-urlencoded: a parameter has no name")) {
            try parse("Action=ListUsers&=orphan")
        }
    }
}
