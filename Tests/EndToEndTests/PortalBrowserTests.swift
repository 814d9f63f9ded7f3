import CosyncTestSupport
import Foundation
import Testing

/// The portal in a real browser (headless Chromium, Selenium, Debian's chromedriver) on the real binary
/// (`serve --portal`) and PostgreSQL: `Tests/browser/portal_browser_test.py` logs in, adds a host (a wrong
/// secret refused), creates an app, changes settings (a bad value shown at its field), suspends a user
/// whose next user-API call is then refused, and logs out. Screenshots go to the folder it prints.
@Suite("portal in a browser")
struct PortalBrowserTests {
    /// scripts/test installs Selenium (PyPI) in the tools environment and names its Python here.
    static var python: URL? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["COSYNC_SELENIUM_PYTHON"], ".build/tools/bin/python3"].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func anOperatorManagesAHostInABrowser() async throws {
        guard let python = Self.python else {
            Issue.record("Selenium is not installed: run scripts/test, or set COSYNC_SELENIUM_PYTHON")
            return
        }
        let dir = try TestEnvironment.directory("cosync-portal-browser")
        var env = TestEnvironment.base()
        TestEnvironment.usePostgres(&env, schemaPrefix: "browser")
        let initialized = try await Binary.run(["init"], environment: env, in: dir)
        let secret = try #require(initialized.stdout.firstMatch(of: /ss_[A-Za-z0-9_-]+/).map { String($0.output) }, "\(initialized.stdout)")
        let password = "a long operator password"
        let added = try await Binary.run(["portal", "operator", "add", "ops@example.com"], environment: env, in: dir, input: password + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        let host = try HostProcess(extraArguments: ["--portal"], environment: env, in: dir)
        try await host.waitUntilHealthy()

        let screenshots = dir.appendingPathComponent("screenshots")
        var scriptEnv = env
        scriptEnv.merge(
            [
                "PORTAL_URL": host.baseURL + "/portal", "HOST_URL": host.baseURL, "OPERATOR_EMAIL": "ops@example.com",
                "OPERATOR_PASSWORD": password, "SERVER_SECRET": secret, "SCREENSHOTS": screenshots.path,
            ], uniquingKeysWith: { $1 })
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("browser/portal_browser_test.py")
        let run = try await Binary.run([script.path], environment: scriptEnv, in: dir, executable: python)
        print("portal screenshots: \(screenshots.path)")
        #expect(
            run.status == 0,
            "\(run.stdout)\n\(run.stderr)\nhost:\n\(host.log.split(separator: "\n").suffix(20).joined(separator: "\n"))")
        let shots = (try? FileManager.default.contentsOfDirectory(atPath: screenshots.path)) ?? []
        #expect(shots.filter { $0.hasSuffix(".png") }.count >= 7, "\(shots)")
        #expect(try await host.terminate() == 0)
    }
}
