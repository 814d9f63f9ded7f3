/// Draws a QR code as a PNG image (the authenticator setup code users scan).
public protocol QRCodeRenderer: Sendable {
    func png(for text: String) throws -> [UInt8]
}
