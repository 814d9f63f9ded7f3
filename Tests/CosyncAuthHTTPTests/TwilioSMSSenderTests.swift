import AsyncHTTPClient
import CosyncAuthCore
import CosyncAuthDelivery
import CosyncTestSupport
import Foundation
import Testing

@Suite("SMS over a Twilio-compatible API")
struct TwilioSMSSenderTests {
    func credentials(_ standIn: TwilioStandIn, token: String? = nil) -> SMSCredentials {
        SMSCredentials(accountSid: standIn.sid, authToken: token ?? standIn.token, fromNumber: "+14155550100")
    }

    func failure(_ work: () async throws(DeliveryFailure) -> Void) async -> DeliveryFailure? {
        do { try await work() } catch { return error }
        return nil
    }

    @Test func aMessageArrivesExactly() async throws {
        let standIn = try await TwilioStandIn.start()
        defer { standIn.stop() }
        let sender = TwilioSMSSender(baseURL: standIn.baseURL)
        try await sender.send(to: "+33612345678", body: "Code 123456 & ça marche", credentials: credentials(standIn))
        let messages = try standIn.messages()
        #expect(messages.count == 1)
        #expect(messages.first?["to"] as? String == "+33612345678", "a + is not a space")
        #expect(messages.first?["from"] as? String == "+14155550100")
        #expect(messages.first?["body"] as? String == "Code 123456 & ça marche")
    }

    @Test func refusalsArePermanentAndSayWhyOutagesAreTransient() async throws {
        let standIn = try await TwilioStandIn.start()
        let sender = TwilioSMSSender(baseURL: standIn.baseURL)
        let wrongToken = await failure { () async throws(DeliveryFailure) in
            try await sender.send(to: "+33612345678", body: "x", credentials: credentials(standIn, token: "wrong"))
        }
        #expect(wrongToken?.isTransient == false && wrongToken?.reason.contains("401") == true)
        #expect(wrongToken?.reason.contains("wrong") == false, "never the token")
        standIn.stop()
        let down = await failure { () async throws(DeliveryFailure) in
            try await sender.send(to: "+33612345678", body: "x", credentials: credentials(standIn))
        }
        #expect(down?.isTransient == true)

        let rejecting = try await TwilioStandIn.start(mode: "reject")
        defer { rejecting.stop() }
        let rejected = await failure { () async throws(DeliveryFailure) in
            try await TwilioSMSSender(baseURL: rejecting.baseURL).send(to: "+1555", body: "x", credentials: credentials(rejecting))
        }
        #expect(rejected?.isTransient == false)
        #expect(rejected?.reason.contains("400") == true && rejected?.reason.contains("21211") == true && rejected?.reason.contains("not a valid phone number") == true)

        let failing = try await TwilioStandIn.start(mode: "fail")
        defer { failing.stop() }
        let unavailable = await failure { () async throws(DeliveryFailure) in
            try await TwilioSMSSender(baseURL: failing.baseURL).send(to: "+33612345678", body: "x", credentials: credentials(failing))
        }
        #expect(unavailable?.isTransient == true && unavailable?.reason.contains("503") == true)

        let injected = await failure { () async throws(DeliveryFailure) in
            try await TwilioSMSSender(baseURL: failing.baseURL).send(
                to: "+33612345678", body: "x", credentials: SMSCredentials(accountSid: "AC/../x", authToken: "t", fromNumber: "+1"))
        }
        #expect(injected?.isTransient == false && injected?.reason.contains("malformed") == true)
    }
}
