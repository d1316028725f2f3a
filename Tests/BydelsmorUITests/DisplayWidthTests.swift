import Foundation
import Testing
@testable import BydelsmorCore
@testable import BydelsmorUI

/// The layout's idea of a column agrees with the C library's wcwidth, which ncurses uses to place
/// what we write: otherwise a row with an emoji or an invisible mark shifts by several cells.
/// glibc's wcwidth, looked up at run time (Swift's Glibc module does not export it).
nonisolated(unsafe) let wcwidth: @convention(c) (wchar_t) -> Int32 = unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"),
                                                                                   to: (@convention(c) (wchar_t) -> Int32).self)

/// Runs `body` with a UTF-8 character type on this thread only (`uselocale`): `setlocale` would
/// change the whole process under the tests running beside this one.
func withUTF8Locale<T>(_ body: () -> T) -> T {
    let loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
    let old = uselocale(loc)
    defer { uselocale(old); if let loc { freelocale(loc) } }
    return body()
}

@Suite(.serialized) struct DisplayWidthTests {
    func libc(_ s: String) -> Int {
        withUTF8Locale { s.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t(bitPattern: $1.value)))) } }
    }

    @Test func everyAssignedCodePointAgreesWithWcwidth() {
        let mismatches: [String] = withUTF8Locale {
            var out: [String] = []
            for v in UInt32(0xA0)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
                let c = wcwidth(wchar_t(bitPattern: v))
                guard c >= 0, let u = Unicode.Scalar(v) else { continue }
                if TextPolicy.width(u) != Int(c) { out.append(String(format: "U+%04X: %d vs wcwidth %d", v, TextPolicy.width(u), c)) }
            }
            return out
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func namesAndHostileStringsTakeTheColumnsTheTerminalGivesThem() {
        let hostile = ["❤️", "👍🏽", "🇩🇰", "e\u{301}", "\u{200B}x", "a\u{2060}b", "\u{FEFF}", "👨‍👩‍👧", "日本語", "ﾊﾝｶｸ", "Ş ı Ø", "a\u{20DD}",
                       "\u{AD}", "\u{202E}abc", "Zeynep Yılmaz 🌸", "\u{1160}"]
        let names = DemoJournal.firstNames.flatMap { f in DemoJournal.lastNames.map { f + " " + $0 } }
        for s in hostile + names {
            let safe = Text.safe(s)
            #expect(Text.width(safe) == libc(safe), "\(s.debugDescription)")
            var g = Grid(width: 40, height: 1)
            let used = g.put(safe, x: 0, y: 0)
            #expect(used == min(40, libc(safe)) || libc(safe) > 40, "\(s.debugDescription)")
        }
    }
}
