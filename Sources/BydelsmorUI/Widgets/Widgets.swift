import BydelsmorCore

/// Small drawing pieces shared by the panes. Each draws into a rect of the grid and nothing else.
public enum Widgets {
    public static func box(_ g: inout Grid, _ r: Rect, title: String? = nil, role: StyleRole = .border) {
        guard r.width >= 2, r.height >= 2 else { return }
        g.fill(r, .normal)
        for x in r.x..<r.maxX {
            g.put("─", x: x, y: r.y, role); g.put("─", x: x, y: r.maxY - 1, role)
        }
        for y in r.y..<r.maxY {
            g.put("│", x: r.x, y: y, role); g.put("│", x: r.maxX - 1, y: y, role)
        }
        g.put("┌", x: r.x, y: r.y, role); g.put("┐", x: r.maxX - 1, y: r.y, role)
        g.put("└", x: r.x, y: r.maxY - 1, role); g.put("┘", x: r.maxX - 1, y: r.maxY - 1, role)
        if let t = title { g.put(" " + Text.truncate(t, to: r.width - 6) + " ", x: r.x + 2, y: r.y, .title) }
    }

    /// `████████░░░░` for done of total, `width` columns.
    public static func progress(_ g: inout Grid, x: Int, y: Int, width: Int, done: Int, total: Int) {
        guard width > 0 else { return }
        let filled = total <= 0 ? 0 : min(width, (done * width + total / 2) / total)
        for i in 0..<width {
            g.put(i < filled ? "█" : "░", x: x + i, y: y, i < filled ? .gaugeFill : .gaugeEmpty)
        }
    }

    /// Spent against a planned low–high range. `█` spent, `▒` the range not yet spent, `░` outside;
    /// `▌` marks the low and high ends where spending covers them. Over the high end it turns `.gaugeOver`.
    public static func gauge(_ g: inout Grid, x: Int, y: Int, width: Int, spent: Money, low: Money, high: Money) {
        guard width > 2 else { return }
        let top = max(high.ore, spent.ore, 1)
        let scale = Double(top) * 1.08
        func col(_ v: Int64) -> Int { min(width - 1, Int(Double(v) / scale * Double(width))) }
        let lowCol = col(low.ore), highCol = col(high.ore)
        for i in 0..<width {
            let v = (Double(i) + 0.5) / Double(width) * scale
            let isSpent = Double(spent.ore) >= v && spent.ore > 0
            let inRange = i >= lowCol && i <= highCol
            var ch = isSpent ? "█" : inRange ? "▒" : "░"
            var role: StyleRole = isSpent ? (spent > high && i > highCol ? .gaugeOver : .gaugeFill) : inRange ? .gaugeRange : .gaugeEmpty
            if isSpent && (i == lowCol || i == highCol) && low != high { ch = "▌"; role = spent > high && i > highCol ? .gaugeOver : .gaugeFill }
            g.put(ch, x: x + i, y: y, role)
        }
    }

    /// A horizontal bar of `value` against `max`, for small charts.
    public static func bar(_ g: inout Grid, x: Int, y: Int, width: Int, value: Int64, max: Int64, role: StyleRole = .gaugeFill) {
        guard width > 0, max > 0 else { return }
        let eighths = Int((Double(value) / Double(max)) * Double(width * 8))
        let full = eighths / 8, rest = eighths % 8
        let parts = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for i in 0..<min(full, width) { g.put("█", x: x + i, y: y, role) }
        if full < width && rest > 0 { g.put(parts[rest], x: x + full, y: y, role) }
    }

}
