/// Danish public holidays (helligdage). Store Bededag was abolished from 2024.
public enum DanishHolidays {
    public static func easterSunday(_ year: Int) -> Day {
        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Day(civil: year, month, day)
    }

    /// The holidays of a year, in date order, with their Danish and English names.
    public static func holidays(in year: Int) -> [(day: Day, da: String, en: String)] {
        guard Day.years.contains(year) else { return [] }
        let e = easterSunday(year)
        var list: [(Day, String, String)] = [
            (Day(year: year, month: 1, day: 1)!, "Nytårsdag", "New Year's Day"),
            (e.adding(days: -3), "Skærtorsdag", "Maundy Thursday"),
            (e.adding(days: -2), "Langfredag", "Good Friday"),
            (e, "Påskedag", "Easter Sunday"),
            (e.adding(days: 1), "2. påskedag", "Easter Monday"),
        ]
        if year < 2024 { list.append((e.adding(days: 26), "Store bededag", "General Prayer Day")) }
        list += [
            (e.adding(days: 39), "Kristi himmelfartsdag", "Ascension Day"),
            (e.adding(days: 49), "Pinsedag", "Whit Sunday"),
            (e.adding(days: 50), "2. pinsedag", "Whit Monday"),
            (Day(year: year, month: 6, day: 5)!, "Grundlovsdag", "Constitution Day"),
            (Day(year: year, month: 12, day: 24)!, "Juleaftensdag", "Christmas Eve"),
            (Day(year: year, month: 12, day: 25)!, "Juledag", "Christmas Day"),
            (Day(year: year, month: 12, day: 26)!, "2. juledag", "Boxing Day"),
            (Day(year: year, month: 12, day: 31)!, "Nytårsaftensdag", "New Year's Eve"),
        ]
        return list.sorted { $0.0 < $1.0 }
    }

    /// The holiday's name on that day, if it is one.
    public static func name(of day: Day, _ lang: Lang) -> String? {
        holidays(in: day.year).first { $0.day == day }.map { lang == .da ? $0.da : $0.en }
    }
}
