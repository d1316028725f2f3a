import Foundation


/// Inline SVG charts for the printed report: drawn from the same figures as the table beside each,
/// sized in millimetres for an A4 page, with text in the document's font.
enum Charts {
    static func esc(_ s: String) -> String {
        s.replacingOccurrences("&", "&amp;").replacingOccurrences("<",
                "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
    }
    static func f(_ d: Double) -> String { String(format: "%.1f", d) }

    /// Monthly spending as bars, the running total as a line, and the plan to date (low and high,
    /// spread evenly) as dashed lines; one scale for all.
    static func spending(_ months: [Money], low: Money, high: Money, _ l: Lang) -> String {
        let w = 300.0, h = 160.0, left = 8.0, bottom = 18.0, top = 8.0
        var cum: [Double] = []
        var run = 0.0
        for m in months { run += Double(m.ore); cum.append(run) }
        let maxV = max(cum.last ?? 0, Double(high.ore), 1)
        let plotH = h - bottom - top, step = (w - left) / 12
        func y(_ v: Double) -> Double { top + plotH - v / maxV * plotH }
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"85mm\" role=\"img\">"
        o += "<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(w))\" y2=\"\(f(y(0)))\" stroke=\"#333\" stroke-width=\"0.6\"/>"
        for (i, m) in months.enumerated() {
            let x = left + Double(i) * step
            let v = Double(m.ore)
            if v > 0 { o += "<rect x=\"\(f(x + step * 0.15))\" y=\"\(f(y(v)))\" width=\"\(f(step * 0.7))\" height=\"\(f(y(0) - y(v)))\" fill=\"#4a6fa5\"/>" }
            o += "<text x=\"\(f(x + step / 2))\" y=\"\(f(h - 6))\" font-size=\"8\" text-anchor=\"middle\">\(esc(String(l.monthNames[i].prefix(3))))</text>"
        }
        let pts = cum.enumerated().map { "\(f(left + (Double($0.offset) + 1) * step)),\(f(y($0.element)))" }.joined(separator: " ")
        o += "<polyline points=\"\(f(left)),\(f(y(0))) \(pts)\" fill=\"none\" stroke=\"#b33\" stroke-width=\"1.4\"/>"
        for plan in [Double(low.ore), Double(high.ore)] where plan > 0 {
            o += "<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(w))\" y2=\"\(f(y(plan)))\" stroke=\"#555\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\"/>"
        }
        o += "<text x=\"\(f(w - 2))\" y=\"\(f(top - 1))\" font-size=\"8\" text-anchor=\"end\">\(esc(Money(ore: Int64(maxV)).formatted(l)))</text>"
        return o + "</svg>"
    }

    /// Budget lines: planned (the higher amount, light) and spent (dark) as horizontal bars.
    static func lines(_ rows: [(title: String, planned: Money, spent: Money)], _ l: Lang) -> String {
        let barH = 12.0, labelW = 150.0, w = 480.0
        let h = Double(rows.count) * (barH + 6) + 6
        let maxV = Double(rows.map { max($0.planned.ore, $0.spent.ore) }.max() ?? 1).nonZero
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"170mm\" role=\"img\">"
        for (i, r) in rows.enumerated() {
            let y0 = 4 + Double(i) * (barH + 6)
            let title = r.title.count > 34 ? String(r.title.prefix(33)) + "…" : r.title
            o += "<text x=\"0\" y=\"\(f(y0 + barH - 3))\" font-size=\"8.5\">\(esc(title))</text>"
            let pw = Double(r.planned.ore) / maxV * (w - labelW - 60), sw = Double(r.spent.ore) / maxV * (w - labelW - 60)
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0))\" width=\"\(f(pw))\" height=\"\(f(barH))\" fill=\"#cfd8e6\"/>"
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0 + 3))\" width=\"\(f(sw))\" height=\"\(f(barH - 6))\" fill=\"\(r.spent > r.planned ? "#b33" : "#4a6fa5")\"/>"
            o += "<text x=\"\(f(labelW + max(pw, sw) + 3))\" y=\"\(f(y0 + barH - 3))\" font-size=\"8\">\(esc(r.spent.formatted(l)))</text>"
        }
        return o + "</svg>"
    }

    /// Conversations per month as bars, the referred ones as the dark lower part.
    static func conversations(_ total: [Int], _ referred: [Int], _ l: Lang) -> String {
        let w = 300.0, h = 150.0, bottom = 18.0, top = 10.0, step = w / 12
        let maxV = Double(total.max() ?? 1).nonZero
        let plotH = h - bottom - top
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"85mm\" role=\"img\">"
        o += "<line x1=\"0\" y1=\"\(f(h - bottom))\" x2=\"\(f(w))\" y2=\"\(f(h - bottom))\" stroke=\"#333\" stroke-width=\"0.6\"/>"
        for i in 0..<12 {
            let x = Double(i) * step + step * 0.15, bw = step * 0.7
            let th = Double(total[i]) / maxV * plotH, rh = Double(referred[i]) / maxV * plotH
            if total[i] > 0 {
                o += "<rect x=\"\(f(x))\" y=\"\(f(h - bottom - th))\" width=\"\(f(bw))\" height=\"\(f(th))\" fill=\"#cfd8e6\"/>"
                o += "<rect x=\"\(f(x))\" y=\"\(f(h - bottom - rh))\" width=\"\(f(bw))\" height=\"\(f(rh))\" fill=\"#4a6fa5\"/>"
                o += "<text x=\"\(f(x + bw / 2))\" y=\"\(f(h - bottom - th - 2))\" font-size=\"7\" text-anchor=\"middle\">\(total[i])</text>"
            }
            o += "<text x=\"\(f(x + bw / 2))\" y=\"\(f(h - 6))\" font-size=\"8\" text-anchor=\"middle\">\(esc(String(l.monthNames[i].prefix(3))))</text>"
        }
        return o + "</svg>"
    }

    /// Per hold: the share of its plan's modules held (dark) and its attendance (light, below).
    static func holds(_ rows: [(label: String, value: Double, of: Double, second: Double)], _ l: Lang) -> String {
        let w = 300.0, labelW = 90.0, rowH = 24.0
        let h = Double(rows.count) * rowH + 4
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"85mm\" role=\"img\">"
        for (i, r) in rows.enumerated() {
            let y0 = 2 + Double(i) * rowH, full = w - labelW - 30
            o += "<text x=\"0\" y=\"\(f(y0 + 10))\" font-size=\"8.5\">\(esc(r.label.count > 18 ? String(r.label.prefix(17)) + "…" : r.label))</text>"
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0))\" width=\"\(f(full))\" height=\"9\" fill=\"#eee\"/>"
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0))\" width=\"\(f(full * min(1, r.value / r.of)))\" height=\"9\" fill=\"#4a6fa5\"/>"
            o += "<text x=\"\(f(labelW + full + 2))\" y=\"\(f(y0 + 8))\" font-size=\"7.5\">\(Int(r.value))/\(Int(r.of))</text>"
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0 + 11))\" width=\"\(f(full * r.second))\" height=\"6\" fill=\"#9fb4d3\"/>"
            o += "<text x=\"\(f(labelW + full + 2))\" y=\"\(f(y0 + 17))\" font-size=\"7.5\">\(Int((r.second * 100).rounded())) %</text>"
        }
        return o + "</svg>"
    }
}

extension Charts {
    /// The survey's statements, each its average on the 1–5 scale as a bar from 1, with the figure
    /// beside it: the same numbers as the list next to the chart.
    static func survey(_ averages: [Double], _ statements: [String], _ l: Lang) -> String {
        let w = 300.0, labelW = 150.0, rowH = 22.0, top = 12.0
        let h = top + Double(averages.count) * rowH + 4
        let full = w - labelW - 24
        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"85mm\" role=\"img\">"
        // The scale: 1 to 5, a tick at each.
        for v in 1...5 {
            let x = labelW + full * Double(v - 1) / 4
            o += "<line x1=\"\(f(x))\" y1=\"\(f(top - 2))\" x2=\"\(f(x))\" y2=\"\(f(h - 2))\" stroke=\"#ddd\" stroke-width=\"0.5\"/>"
            o += "<text x=\"\(f(x))\" y=\"\(f(top - 4))\" font-size=\"7\" text-anchor=\"middle\">\(v)</text>"
        }
        for (i, a) in averages.enumerated() {
            let y0 = top + Double(i) * rowH
            let label = i < statements.count ? statements[i] : ""
            o += "<text x=\"0\" y=\"\(f(y0 + 9))\" font-size=\"7.5\">\(esc(label.count > 34 ? String(label.prefix(33)) + "…" : label))</text>"
            o += "<rect x=\"\(f(labelW))\" y=\"\(f(y0 + 2))\" width=\"\(f(full * max(0, min(4, a - 1)) / 4))\" height=\"9\" fill=\"#4a6fa5\"/>"
            let shown = String(format: "%.1f", a).replacingOccurrences(of: ".", with: l == .da ? "," : ".")
            o += "<text x=\"\(f(labelW + full + 3))\" y=\"\(f(y0 + 10))\" font-size=\"7.5\">\(shown)</text>"
        }
        return o + "</svg>"
    }
}

extension Double {
    var nonZero: Double { self == 0 ? 1 : self }
}
