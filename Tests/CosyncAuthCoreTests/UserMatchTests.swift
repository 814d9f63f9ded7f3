import CosyncAuthCore
import Testing

@Suite("operator search text")
struct UserMatchTests {
    @Test func typedTextBecomesAMatch() {
        #expect(UserMatch(text: "  ", anywhere: false) == .all)
        #expect(UserMatch(text: " Jane ", anywhere: false) == .prefix("Jane"))
        #expect(UserMatch(text: " Jane ", anywhere: true) == .contains("jane"))
    }

    /// Handles and user names are stored lower-case; an anonymous handle keeps an upper-case marker and
    /// its id in the client's case.
    @Test func aPrefixIsLookedForInEveryStoredForm() {
        #expect(UserMatch.storedForms(ofPrefix: "Jane@") == ["jane@"])
        #expect(UserMatch.storedForms(ofPrefix: "an") == ["an", "AN"])
        #expect(UserMatch.storedForms(ofPrefix: "anon_") == ["anon_", "ANON_"])
        #expect(UserMatch.storedForms(ofPrefix: "anon_Ab") == ["anon_ab", "ANON_Ab", "ANON_ab", "ANON_AB"])
        #expect(UserMatch.storedForms(ofPrefix: "anonymous") == ["anonymous"])
    }
}
