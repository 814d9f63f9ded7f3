import AsyncHTTPClient
import CosyncAuthCore
import CosyncAuthDelivery
import CosyncTestSupport
import Foundation
import Testing

/// TwilioSMSSender against Tests/support/twilio_standin.py on loopback (real HTTP, real sockets).
@Suite("SMS over a Twilio-compatible API")
struct TwilioSMSSenderTests {
    static let from = "+14155550100"

    func credentials(_ standIn: TwilioStandIn, token: String? = nil) -> SMSCredentials {
        SMSCredentials(accountSid: standIn.sid, authToken: token ?? standIn.token, fromNumber: Self.from)
    }

    func failure(_ work: () async throws(DeliveryFailure) -> Void) async -> DeliveryFailure? {
        do { try await work() } catch { return error }
        return nil
    }

    @Test func aMessageArrivesExactly() async throws {
        let standIn = try await TwilioStandIn.start()
        defer { standIn.stop() }
        let body = "Code 123456 & ça marche: a+b=c, 100% 🙂\nline two?x=1#frag"
        // A trailing slash on the base URL is tolerated.
        try await TwilioSMSSender(baseURL: standIn.baseURL + "/").send(to: "+33612345678", body: body, credentials: credentials(standIn))
        let messages = try standIn.messages()
        try #require(messages.count == 1)
        #expect(messages[0]["to"] as? String == "+33612345678", "a + is not a space")
        #expect(messages[0]["from"] as? String == Self.from)
        #expect(messages[0]["body"] as? String == body)
        // On the wire: ASCII only (the stand-in refuses anything else), every reserved byte escaped.
        let raw = try #require(messages[0]["raw"] as? String)
        #expect(raw.hasPrefix("To=%2B33612345678&From=%2B14155550100&Body=Code%20123456%20%26%20%C3%A7a%20marche"), "\(raw)")
        #expect(standIn.requests() == ["POST /2010-04-01/Accounts/\(standIn.sid)/Messages.json"])
    }

    @Test func manyMessagesOverKeptAliveConnections() async throws {
        let standIn = try await TwilioStandIn.start()
        defer { standIn.stop() }
        let sender = TwilioSMSSender(baseURL: standIn.baseURL)
        let credentials = credentials(standIn)
        for n in 0..<4 {
            try await sender.send(to: "+3361234567\(n)", body: "one by one \(n)", credentials: credentials)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<6 {
                group.addTask { try await sender.send(to: "+3369999999\(n)", body: "together \(n)", credentials: credentials) }
            }
            try await group.waitForAll()
        }
        let bodies = Set(try standIn.messages().compactMap { $0["body"] as? String })
        #expect(bodies == Set((0..<4).map { "one by one \($0)" } + (0..<6).map { "together \($0)" }))
        #expect(standIn.requests().count == 10)
    }

    @Test func aWrongTokenIsAPermanentRefusalThatNeverNamesTheToken() async throws {
        let standIn = try await TwilioStandIn.start()
        defer { standIn.stop() }
        let wrongToken = "wr0ng-t0ken-9f8e7d"
        let refused = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL).send(
                    to: "+33612345678", body: "x", credentials: credentials(standIn, token: wrongToken))
            })
        #expect(!refused.isTransient)
        #expect(refused.reason == "the SMS provider answered 401: Authenticate (code 20003)", "\(refused.reason)")
        #expect(!refused.reason.contains(wrongToken) && !refused.reason.contains(standIn.token))
        #expect(try standIn.messages().isEmpty)
    }

    @Test func anInvalidNumberIsAPermanentRefusalWithTwiliosReason() async throws {
        let standIn = try await TwilioStandIn.start(mode: "reject")
        defer { standIn.stop() }
        let rejected = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL).send(to: "+1555", body: "x", credentials: credentials(standIn))
            })
        #expect(!rejected.isTransient)
        #expect(
            rejected.reason == "the SMS provider answered 400: The 'To' number +1555 is not a valid phone number. (code 21211)",
            "\(rejected.reason)")
    }

    @Test(arguments: [("fail", 503), ("throttle", 429)])
    func serverErrorsAndThrottlingAreTransient(mode: String, status: Int) async throws {
        let standIn = try await TwilioStandIn.start(mode: mode)
        defer { standIn.stop() }
        let failed = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL).send(to: "+33612345678", body: "x", credentials: credentials(standIn))
            })
        #expect(failed.isTransient)
        #expect(failed.reason.contains("answered \(status)"), "\(failed.reason)")
        #expect(!failed.reason.contains(standIn.token))
    }

    @Test func aStoppedProviderIsTransient() async throws {
        let standIn = try await TwilioStandIn.start()
        let sender = TwilioSMSSender(baseURL: standIn.baseURL, timeout: .seconds(2))
        try await sender.send(to: "+33612345678", body: "before", credentials: credentials(standIn))
        standIn.stop()
        // The shared client keeps retrying a refused connection until the timeout, then reports it.
        let started = ContinuousClock.now
        let down = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await sender.send(to: "+33612345678", body: "after", credentials: credentials(standIn))
            })
        #expect(down.isTransient)
        #expect(down.reason.hasPrefix("the SMS provider could not be reached"), "\(down.reason)")
        #expect(!down.reason.contains(standIn.token))
        #expect(ContinuousClock.now - started < .seconds(10))

        // An injected client that does not retry connecting learns of the refusal at once.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let refused = try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL, client: client)
                    .send(to: "+33612345678", body: "after", credentials: credentials(standIn))
            }
        }
        #expect(refused?.isTransient == true)
        #expect(refused?.reason.lowercased().contains("refused") == true, "\(refused?.reason ?? "")")
    }

    @Test func aProviderThatNeverAnswersTimesOutTransiently() async throws {
        let standIn = try await TwilioStandIn.start(mode: "hang")
        defer { standIn.stop() }
        let started = ContinuousClock.now
        let timedOut = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL, timeout: .seconds(1))
                    .send(to: "+33612345678", body: "x", credentials: credentials(standIn))
            })
        #expect(timedOut.isTransient)
        #expect(timedOut.reason.hasPrefix("the SMS provider could not be reached"), "\(timedOut.reason)")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test(arguments: ["AC/../x", "AC?x=1", "AC#x", "AC x", "AC%2F", "ACé", "", "AC:x", String(repeating: "A", count: 65)])
    func aMalformedAccountIdIsRefusedWithoutARequest(accountSid: String) async throws {
        let standIn = try await TwilioStandIn.start()
        defer { standIn.stop() }
        let refused = try #require(
            await failure { () async throws(DeliveryFailure) in
                try await TwilioSMSSender(baseURL: standIn.baseURL).send(
                    to: "+33612345678", body: "x", credentials: SMSCredentials(accountSid: accountSid, authToken: "t", fromNumber: Self.from))
            })
        #expect(!refused.isTransient)
        #expect(refused.reason.contains("malformed"))
        #expect(standIn.requests().isEmpty)
    }
}
