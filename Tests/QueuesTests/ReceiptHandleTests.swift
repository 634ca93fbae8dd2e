import Foundation
import Queues
import Testing

/// Receipt handles, FIFO sequence numbers and in-flight messages. The encoded handles here were
/// computed in Python: `base64.b64encode(bytes([version]) + struct.pack(">qq", queue, sequence)
/// + secret)`.
@Suite struct ReceiptHandleTests {
    static let secret: [UInt8] = Array(0..<16)
    static let handle = ReceiptHandle(queueID: 7, sequence: 42, secret: secret)
    static let encoded = "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4P"

    @Test func aHandleEncodesAsVersionQueueSequenceAndSecretInBase64() {
        #expect(Self.handle.encoded == Self.encoded)
    }

    @Test func anEncodedHandleDecodesToItsParts() {
        #expect(ReceiptHandle(encoded: Self.encoded) == Self.handle)
        let decoded = ReceiptHandle(encoded: Self.encoded)
        #expect(decoded?.queueID == 7)
        #expect(decoded?.sequence == 42)
        #expect(decoded?.secret == Self.secret)
    }

    @Test(arguments: [(Int64(1), Int64(1)), (0, 0), (-1, .max), (.max, .min), (1_234_567_890_123, 98_765)])
    func aHandleRoundTrips(queueID: Int64, sequence: Int64) {
        let handle = ReceiptHandle(queueID: queueID, sequence: sequence, secret: Array(repeating: 0xA5, count: ReceiptHandle.secretSize))
        #expect(ReceiptHandle(encoded: handle.encoded) == handle)
    }

    @Test func extremeValuesEncodeAsBigEndianTwosComplement() {
        // struct.pack(">qq", -1, 2**63 - 1) with a secret of sixteen 0xFF.
        let handle = ReceiptHandle(queueID: -1, sequence: .max, secret: Array(repeating: 0xFF, count: 16))
        #expect(handle.encoded == "Af//////////f///////////////////////////////")
    }

    @Test func aHandleOfAnotherVersionIsRefused() {
        // Version 2, otherwise the handle above.
        #expect(ReceiptHandle(encoded: "AgAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4P") == nil)
    }

    @Test(arguments: [
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4=", // a 15-byte secret
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4PEA==", // a 17-byte secret
        "AQAAAAAAAAAHAAAAAAAAACo=", // no secret
        "AQ==",
        "",
    ])
    func aHandleOfTheWrongLengthIsRefused(encoded: String) {
        #expect(ReceiptHandle(encoded: encoded) == nil)
    }

    @Test func aHandleWithASecretOfTheWrongSizeDoesNotDecode() {
        let short = ReceiptHandle(queueID: 7, sequence: 42, secret: Array(0..<15))
        #expect(ReceiptHandle(encoded: short.encoded) == nil)
    }

    @Test(arguments: [
        "not a receipt handle",
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4P!",
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4", // padding missing
        " AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4P",
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJ\nCgsMDQ4P",
        "AQAAAAAAAAAHAAAAAAAAACoAAQIDBAUGBwgJCgsMDQ4P\u{0}",
    ])
    func aHandleThatIsNotBase64IsRefused(encoded: String) {
        #expect(ReceiptHandle(encoded: encoded) == nil)
    }

    @Test func aHandleLongerThan1024CharactersIsRefused() {
        let long = Data(repeating: 1, count: 1_200).base64EncodedString()
        #expect(long.count > 1_024)
        #expect(ReceiptHandle(encoded: long) == nil)
        #expect(ReceiptHandle(encoded: String(repeating: "A", count: 100_000)) == nil)
    }

    // MARK: Sequence numbers

    static func message(sequence: Int64 = 1, receiveCount: Int = 0, visibleAt: Date) -> QueueMessage {
        QueueMessage(queueID: 1, sequence: sequence, messageID: "m", sentAt: Date(timeIntervalSince1970: 0), visibleAt: visibleAt,
                     receiveCount: receiveCount, senderID: "111122223333", payload: [0])
    }

    @Test func theSequenceNumberHasTwentyDigits() {
        for sequence: Int64 in [0, 1, 42, 999_999, 100_000_000_000_000_000] {
            let number = Self.message(sequence: sequence, visibleAt: .distantPast).sequenceNumber
            #expect(number.count == 20, "\(number)")
            #expect(number.allSatisfy { ("0"..."9").contains($0) }, "\(number)")
        }
        #expect(Self.message(sequence: 42, visibleAt: .distantPast).sequenceNumber == "18000000000000000042")
    }

    @Test func theSequenceNumberIncreasesWithTheSequence() {
        let sequences: [Int64] = [0, 1, 2, 9, 10, 11, 99, 100, 65_536, 1_000_000_007, 400_000_000_000_000_000]
        let numbers = sequences.map { Self.message(sequence: $0, visibleAt: .distantPast).sequenceNumber }
        for (earlier, later) in zip(numbers, numbers.dropFirst()) {
            // SDKs compare them as strings and as numbers: both orders agree.
            #expect(earlier < later)
            #expect(Decimal(string: earlier)! < Decimal(string: later)!)
        }
    }

    // MARK: In flight

    @Test func aReceivedMessageIsInFlightUntilItIsVisibleAgain() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let received = Self.message(receiveCount: 1, visibleAt: now.addingTimeInterval(30))
        #expect(received.isInFlight(at: now))
        #expect(received.isInFlight(at: now.addingTimeInterval(29.999)))
        #expect(!received.isInFlight(at: now.addingTimeInterval(30)))
        #expect(!received.isInFlight(at: now.addingTimeInterval(31)))
    }

    @Test func aDelayedMessageNeverReceivedIsNotInFlight() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(!Self.message(receiveCount: 0, visibleAt: now.addingTimeInterval(900)).isInFlight(at: now))
    }
}
