import Testing

@testable import CosyncAuthHTTP

@Suite("form decoding")
struct FormDecodingTests {
    @Test func decodesLikeBrowsersAndForgivesRawValues() {
        let values = FormDecoding.decode("handle=a%2Bb%40x.com&password=abc&metaData={\"a\":\"b c\"}&empty=&flag&name=J+Doe&pct=100%")
        #expect(values["handle"] == "a+b@x.com")
        #expect(values["metaData"] == #"{"a":"b c"}"#)
        #expect(values["empty"] == "")
        #expect(values["flag"] == "")
        #expect(values["name"] == "J Doe")
        #expect(values["pct"] == "100%")
        #expect(FormDecoding.decode("a=1=2")["a"] == "1=2")
        #expect(FormDecoding.decode("a=%E2%82%AC")["a"] == "€")
    }

    @Test func collapsesDoubledSlashesInThePathOnly() {
        #expect(PathNormalization.collapse("//api//appuser/x?next=//y") == "/api/appuser/x?next=//y")
    }
}
