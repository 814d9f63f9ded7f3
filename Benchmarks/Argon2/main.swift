// Measures argon2id on one core at the host's cost (or COSYNC_ARGON2_MEMORY_KIB / _ITERATIONS):
// `swift run -c release argon2-bench [count]`.
import CosyncAuthCrypto
import Foundation
import NIOPosix

let environment = ProcessInfo.processInfo.environment
let cost = Argon2PasswordHasher.Cost(
    memoryKiB: environment["COSYNC_ARGON2_MEMORY_KIB"].flatMap(Int.init) ?? Argon2PasswordHasher.Cost.owasp.memoryKiB,
    iterations: environment["COSYNC_ARGON2_ITERATIONS"].flatMap(Int.init) ?? Argon2PasswordHasher.Cost.owasp.iterations)
let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50

let pool = NIOThreadPool(numberOfThreads: 1)
pool.start()
let hasher = try Argon2PasswordHasher(cost: cost, pool: pool)
let password = "5f4dcc3b5aa765d61d8327deb882cf99"
let hash = try await hasher.hash(password)

var hashTimes: [Double] = []
var verifyTimes: [Double] = []
for _ in 0..<count {
    var start = DispatchTime.now().uptimeNanoseconds
    _ = try await hasher.hash(password)
    hashTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    start = DispatchTime.now().uptimeNanoseconds
    _ = try await hasher.verify(password, against: hash)
    verifyTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}

func summary(_ times: [Double]) -> String {
    let sorted = times.sorted()
    let mean = times.reduce(0, +) / Double(times.count)
    return String(format: "mean %.1f ms, median %.1f ms, p95 %.1f ms", mean, sorted[sorted.count / 2], sorted[Int(Double(sorted.count) * 0.95)])
}
print("argon2id m=\(cost.memoryKiB) KiB t=\(cost.iterations) p=1, one thread, \(count) runs")
print("hash:   \(summary(hashTimes))")
print("verify: \(summary(verifyTimes))")
try await pool.shutdownGracefully()
