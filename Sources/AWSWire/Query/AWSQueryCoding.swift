import Foundation

/// Reads AWS query requests and writes their XML answers and errors (IAM, STS, SNS).
///
/// A request is a form-encoded body (``AWSQueryParameters``); its input shape is decoded to the
/// JSON form the generated shapes read (``AWSQueryDecoder``), checked against the declared
/// constraints (``ShapeValidator``) and built, exactly as an AWS JSON request is. An answer goes
/// the other way: the output shape writes its JSON form, which ``AWSQueryResponseWriter`` turns
/// into the XML AWS sends.
public enum AWSQueryCoding {
    /// The content type of every query-protocol answer, success or error.
    public static let contentType = "text/xml"

    /// Decodes the input shape of an operation from the request's parameters.
    public static func decodeRequest<Shape: AWSShape>(_ type: Shape.Type, from parameters: AWSQueryParameters) throws(AWSRequestError) -> Shape {
        try decodeRequestKeepingJSON(type, from: parameters).shape
    }

    /// Decodes the input shape and returns its JSON form too (for the audit record).
    public static func decodeRequestKeepingJSON<Shape: AWSShape>(_ type: Shape.Type, from parameters: AWSQueryParameters)
        throws(AWSRequestError) -> (shape: Shape, json: JSONValue) {
        let value = try AWSQueryDecoder().decode(parameters, as: Shape.schema)
        try ShapeValidator().validate(value, against: Shape.schema)
        return (try Shape(json: value), value)
    }

    /// `<{action}Response xmlns=…><{action}Result>…</{action}Result><ResponseMetadata>…`.
    public static func encodeResponse<Output: AWSQueryOutput>(_ output: Output, action: String,
                                                              namespace: String, requestID: String) -> Data {
        encodeResponse(output, hasResultElement: Output.hasResultElement, action: action, namespace: namespace,
                       requestID: requestID)
    }

    /// The answer of an output shape that may or may not carry `<{action}Result>`.
    public static func encodeResponse<Output: AWSShape>(_ output: Output, hasResultElement: Bool, action: String,
                                                        namespace: String, requestID: String) -> Data {
        var result: (value: JSONValue, schema: ShapeSchema)?
        if hasResultElement {
            var writer = JSONWriter()
            output.write(to: &writer)
            // The JSON is the generated writer's own; the parser reads all it writes.
            let value = (try? JSONParser.parse(writer.bytes)) ?? .object([:])
            result = (value, Output.schema)
        }
        return Data(AWSQueryResponseWriter.write(action: action, result: result, namespace: namespace, requestID: requestID))
    }

    /// The query error body:
    /// `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
    ///
    /// The `Code` is the error's ``AWSErrorRenderable/queryErrorCode``: its wire name, except where
    /// the query protocol names it otherwise (an ``AWSRequestError`` is `ValidationError` or
    /// `InvalidQueryParameter`, never an AWS JSON name). `fault` defaults to the one the HTTP
    /// status implies. The message is the error's ``AWSErrorRenderable/queryMessage``; an empty one
    /// leaves out `<Message>`.
    public static func encodeError(_ error: any AWSErrorRenderable, fault: AWSQueryFault? = nil,
                                   namespace: String, requestID: String) -> Data {
        let code = error.queryErrorCode
        var xml = XMLWriter(capacity: 256)
        xml.open("ErrorResponse", namespace: namespace)
        xml.open("Error")
        xml.element("Type", text: (fault ?? AWSQueryFault(httpStatusCode: error.httpStatusCode)).rawValue)
        xml.element("Code", text: code)
        if !error.queryMessage.isEmpty {
            xml.element("Message", text: error.queryMessage)
        }
        xml.close("Error")
        xml.element("RequestId", text: requestID)
        xml.close("ErrorResponse")
        return Data(xml.bytes)
    }
}
