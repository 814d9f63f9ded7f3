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
        #expect(UserName.normalized("1sammy") == nil)
        #expect(UserName.normalized("ab") == nil)
        #expect(UserName.normalized("sam@example.com") == nil)
        #expect(UserName.normalized("sämmy") == nil)
    }

    @Test func locales() {
        #expect(Locales.normalized("fr") == "FR")
        #expect(Locales.normalized("fra") == nil)
        #expect(Locales.normalized("f1") == nil)
    }
}
