import CosyncAuthCore
import CosyncAuthQR
import CosyncTestSupport
import Foundation
import Testing

@Suite("two-factor: TOTP, base32, QR code")
struct TwoFactorTests {
    /// RFC 6238, appendix B: the seeds of each algorithm and the 8-digit codes at each time.
    @Test(
        arguments: [
            (59, "94287082", "46119246", "90693936"),
            (1_111_111_109, "07081804", "68084774", "25091201"),
            (1_111_111_111, "14050471", "67062674", "99943326"),
            (1_234_567_890, "89005924", "91819424", "93441116"),
            (2_000_000_000, "69279037", "90698825", "38618901"),
            (20_000_000_000, "65353130", "77737706", "47863826"),
        ] as [(Int, String, String, String)])
    func rfc6238TestVectors(_ time: Int, _ sha1: String, _ sha256: String, _ sha512: String) {
        let seed = Array("12345678901234567890".utf8)
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        let cases: [(TOTP.Algorithm, [UInt8], String)] = [
            (.sha1, seed, sha1),
            (.sha256, Array("12345678901234567890123456789012".utf8), sha256),
            (.sha512, Array("1234567890123456789012345678901234567890123456789012345678901234".utf8), sha512),
        ]
        for (algorithm, key, expected) in cases {
            let totp = TOTP(secret: key, algorithm: algorithm, digits: 8)
            #expect(totp.code(step: totp.step(at: date)) == expected, "\(algorithm) at \(time)")
        }
    }

    @Test func codesAreAcceptedOnceWithinOneStepEitherSide() {
        let totp = TOTP(secret: TOTP.newSecret())
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let step = totp.step(at: now)
        #expect(totp.match(totp.code(step: step), at: now, after: nil) == step)
        #expect(totp.match(totp.code(step: step - 1), at: now, after: nil) == step - 1, "a clock 30 s behind")
        #expect(totp.match(totp.code(step: step + 1), at: now, after: nil) == step + 1, "a clock 30 s ahead")
        #expect(totp.match(totp.code(step: step - 2), at: now, after: nil) == nil)
        #expect(totp.match(totp.code(step: step), at: now, after: step) == nil, "replayed")
        #expect(totp.match(totp.code(step: step - 1), at: now, after: step) == nil, "older than the last used")
        #expect(totp.match(" " + totp.code(step: step), at: now, after: nil) == step, "spaces forgiven")
        for bad in ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦"] { #expect(totp.match(bad, at: now, after: nil) == nil) }
    }

    @Test func base32RoundTripsAndReadsWhatPeopleType() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil, "1 is not base32")
        for _ in 0..<50 {
            let bytes = TOTP.newSecret()
            #expect(Base32.encode(bytes).count == 32)
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }

    /// The PNG decodes, by a real scanner (zbarimg from Debian's zbar-tools), to the exact URI.
    @Test func theQRCodeScansToTheExactOTPAuthURI() async throws {
        let secret = TOTP.newSecret()
        let uri = OTPAuthURI.make(issuer: "My App & Co", account: "jane+2fa@example.com", secret: secret)
        #expect(uri.hasPrefix("otpauth://totp/My%20App%20%26%20Co:jane+2fa@example.com?secret=\(Base32.encode(secret))&issuer=My%20App%20%26%20Co"))
        let png = try QRPNGRenderer().png(for: uri)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let scanned = try await onOwnThread { () throws -> String in
            let process = SpawnedProcess()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
            process.arguments = ["--quiet", "--raw", file.path]
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("zbar-\(UUID().uuidString).txt")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: out) }
            process.standardOutput = try FileHandle(forWritingTo: out)
            try process.run()
            ChildProcess.waitForExit(process)
            return String(decoding: try Data(contentsOf: out), as: UTF8.self)
        }
        #expect(scanned.trimmingCharacters(in: .newlines) == uri)
    }
}
