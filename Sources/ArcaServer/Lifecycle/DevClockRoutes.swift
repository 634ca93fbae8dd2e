import AWSWire
import Foundation
import Hummingbird

extension Router where Context == ArcaRequestContext {
    /// `GET /_arca/clock` answers `{"now": <epoch seconds>}`; `POST /_arca/clock` with
    /// `{"advance": <seconds>}` moves the clock forward, applies the lifecycle work that became
    /// due, and answers the new `now`. Registered only with `--dev-clock`.
    func addDevClockRoutes(clock: DevClock, lifecycle: KeyLifecycleService, housekeeping: QueueHousekeepingService,
                           deliveries: NotificationDeliveryService) {
        get("/_arca/clock") { _, _ in
            Self.clockResponse(clock.now())
        }
        post("/_arca/clock") { request, _ in
            let body = try await request.body.collect(upTo: 4096)
            guard case .object(let fields)? = try? JSONParser.parse(Array(buffer: body)),
                  case .number(let seconds)? = fields["advance"], seconds.isFinite, seconds >= 0 else {
                return Self.refusal(#"The body must be {"advance": <seconds>}, a number of seconds of at least 0."#)
            }
            guard let now = clock.advance(by: seconds) else {
                return Self.refusal("Advancing the clock by \(seconds) seconds would move it past 9990-01-01T00:00:00Z, "
                                    + "the latest time it may show.")
            }
            await lifecycle.runDue()
            await housekeeping.runDue()
            await deliveries.runDue()
            return Self.clockResponse(now)
        }
    }

    /// A 400 answer `{"message": …}` that leaves the clock as it was.
    private static func refusal(_ message: String) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("message", message)
        writer.endObject()
        return Response(status: .badRequest, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    private static func clockResponse(_ now: Date) -> Response {
        let seconds = (now.timeIntervalSince1970 * 1000).rounded() / 1000
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"now":\#(seconds)}"#)))
    }
}
