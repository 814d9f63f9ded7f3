import CPNG
import CQRencode
public import CosyncAuthCore

/// QR codes by libqrencode, written as PNG by libpng's simplified API (no setjmp error handling to
/// cross into Swift): black modules on white, with the four-module quiet zone scanners need.
public struct QRPNGRenderer: QRCodeRenderer {
    /// Pixels per module: 6 gives a code of about 250 pixels for an otpauth URI, sharp on any screen.
    public var moduleSize = 6
    public var quietZone = 4

    public init() {}

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func png(for text: String) throws -> [UInt8] {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw Failure(description: "the text does not fit in a QR code")
        }
        defer { QRcode_free(code) }
        let modules = Int(code.pointee.width)
        let side = (modules + 2 * quietZone) * moduleSize
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<modules {
            for x in 0..<modules where code.pointee.data[y * modules + x] & 1 == 1 {
                let top = (y + quietZone) * moduleSize
                let left = (x + quietZone) * moduleSize
                for row in top..<(top + moduleSize) {
                    for column in left..<(left + moduleSize) { pixels[row * side + column] = 0 }
                }
            }
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(side)
        image.height = UInt32(side)
        image.format = UInt32(PNG_FORMAT_GRAY)
        var length: png_alloc_size_t = 0
        // First call measures, second writes.
        guard png_image_write_to_memory(&image, nil, &length, 0, pixels, 0, nil) != 0 else {
            throw Failure(description: "libpng could not size the image")
        }
        var out = [UInt8](repeating: 0, count: Int(length))
        guard png_image_write_to_memory(&image, &out, &length, 0, pixels, 0, nil) != 0 else {
            throw Failure(description: "libpng could not write the image")
        }
        return Array(out.prefix(Int(length)))
    }
}
