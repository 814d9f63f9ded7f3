import CosyncAuthCore
import Testing

@Suite("handles, passwords, user names, locales")
struct HandleAndPasswordTests {
    @Test func handlesAreTrimmedLowerCasedAndReadPercent2BAsPlus() {
        #expect(Handle.normalized("  Jane@Example.COM ") == "jane@example.com")
        #expect(Handle.normalized("jane%2Btag@example.com") == "jane+tag@example.com")
        #expect(Handle.normalized("jane%2btag@example.com") == "jane+tag@example.com")
        #expect(Handle.normalized("") == nil)
        #expect(Handle.normalized("a\nb@c.d") == nil)
        #expect(Handle.normalized(String(repeating: "a", count: 300) + "@x.io") == nil)
    }

    /// One address is one handle however it was typed, no handle hides characters, and the limit is
    /// on bytes, as mail addresses are.
    @Test func handlesAreNFCBoundedInBytesAndFreeOfHiddenCharacters() {
        #expect(Handle.normalized("jos\u{65}\u{301}@example.com") == Handle.normalized("jos\u{e9}@example.com"))
        #expect(Handle.normalized("jos\u{65}\u{301}@example.com") == "jos\u{e9}@example.com")
        for hidden in ["\u{200B}", "\u{200D}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{00AD}", "\u{0007}", "\u{2028}"] {
            #expect(Handle.normalized("ann\(hidden)@example.com") == nil, "U+\(String(hidden.unicodeScalars.first!.value, radix: 16))")
            #expect(Handle.anonymous("ANON_\(hidden)1") == nil)
        }
        // 84 three-byte characters and "@x" are 254 bytes: the most; one more character is over.
        let longest = String(repeating: "\u{4E2D}", count: 84) + "@x"
        #expect(longest.utf8.count == 254 && Handle.normalized(longest) != nil)
        #expect(Handle.normalized(String(repeating: "\u{4E2D}", count: 85) + "@x") == nil)
    }

    /// The audit log names only what can be an account: a password typed as the handle is not kept.
    @Test func onlyAccountLikeHandlesAreAuditable() {
        #expect(Handle.auditable(" Ann@Example.com", userNames: false) == "ann@example.com")
        #expect(Handle.auditable("ANON_42", userNames: false) == "ANON_42")
        #expect(Handle.auditable("hunter2secret", userNames: false) == nil)
        #expect(Handle.auditable("hunter2secret", userNames: true) == "hunter2secret")
        #expect(Handle.auditable("Summer 2024!", userNames: true) == nil)
    }

    @Test func codesGetBackTheLeadingZerosANumberLost() {
        #expect(CodeText.normalized("4217") == "004217")
        #expect(CodeText.normalized(" 012345 ") == "012345")
        #expect(CodeText.normalized("123456") == "123456")
        #expect(CodeText.normalized("abcd-efgh") == "abcd-efgh", "recovery codes are left alone")
        #expect(CodeText.normalized("1234567") == "1234567", "too long stays too long")
    }

    @Test func emailsAndAnonymousHandles() {
        #expect(Handle.isEmail("a@b"))
        #expect(!Handle.isEmail("ab"))
        #expect(!Handle.isEmail("a b@c.d"))
        #expect(!Handle.isEmail("a@b@c"))
        #expect(Handle.anonymous(" ANON_1234 ") == "ANON_1234")
        #expect(Handle.anonymous("anon_1234") == nil)
        #expect(Handle.isAnonymous("x-anon_1@example.com"))
    }

    @Test func passwordsMustBeMD5Hex() {
        #expect(PasswordDigest.normalized("5F4DCC3B5AA765D61D8327DEB882CF99") == "5f4dcc3b5aa765d61d8327deb882cf99")
        #expect(PasswordDigest.normalized("password") == nil)
        #expect(PasswordDigest.normalized(String(repeating: "g", count: 32)) == nil)
        #expect(PasswordDigest.normalized(String(repeating: "a", count: 31)) == nil)
        #expect(PasswordDigest.normalized("ａ" + String(repeating: "a", count: 31)) == nil)
    }

    @Test func userNames() {
        #expect(UserName.normalized("Sammy_01") == "sammy_01")
        // What the original accepted, within bounds: any letters, digits, spaces and punctuation.
        #expect(UserName.normalized("1sammy") == "1sammy")
        #expect(UserName.normalized(" Sam Smith ") == "sam smith")
        #expect(UserName.normalized("Sämmy") == "sämmy")
        #expect(UserName.normalized("Sa\u{0308}mmy") == "sämmy")
        #expect(UserName.normalized("") == nil)
        #expect(UserName.normalized(String(repeating: "a", count: 65)) == nil)
        #expect(UserName.normalized("sam@example.com") == nil)
        #expect(UserName.normalized("sam\u{200B}my") == nil)
        #expect(UserName.normalized("sam\nmy") == nil)
        #expect(UserName.normalized("ANON_sam") == nil)
    }

    @Test func locales() {
        #expect(Locales.normalized("fr") == "FR")
        #expect(Locales.normalized("fra") == nil)
        #expect(Locales.normalized("f1") == nil)
    }
}
