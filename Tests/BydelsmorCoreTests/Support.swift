import Foundation
@testable import BydelsmorCore

/// A fresh folder under the system temp dir, removed when the test's value goes away.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "bydelsmor-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// A clock that stands still at a known moment, so journal lines are exact.
let fixedClock: @Sendable () -> Timestamp = { Timestamp("2027-02-01T10:00:00Z")! }

func bytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
func text(_ path: String) -> String { String(decoding: bytes(path), as: UTF8.self) }

func newStore(_ dir: TempDir, _ name: String = "journal.txt", actor: String = "koordinator") throws -> Store {
    try Store(path: dir.file(name), actor: actor, clock: fixedClock)
}

extension Store {
    @discardableResult
    func addVolunteer(_ name: String, phone: String = "", languages: [String] = ["ar", "da"]) throws -> VolunteerID {
        let r = try commit { s in .volunteerAdded(VolunteerFields(id: s.volunteers.nextID, name: name, phone: phone, languages: languages,
                                                                  neighbourhood: "Vejleåparken")) }
        guard case .volunteerAdded(let v) = r.entry.event else { fatalError() }
        return v.id
    }
    @discardableResult
    func addExpense(_ line: String = "forplejning", ore: Int64, on day: Day = Day(year: 2027, month: 2, day: 7)!) throws -> ID<Expense> {
        let r = try commit { s in .expenseAdded(Expense(id: s.expenses.nextID, date: day, line: line, amount: Money(ore: ore))) }
        guard case .expenseAdded(let x) = r.entry.event else { fatalError() }
        return x.id
    }
}

/// The refusal message of a store error, or nil.
func refusal(_ body: () throws -> Void) -> Message? {
    do { try body() } catch let e as StoreError {
        if case .refused(let m) = e { return m }
        return nil
    } catch let m as Message { return m } catch { return nil }
    return nil
}
