import Foundation

/// A line chart drawn as standalone SVG (no dependency): axes with "nice" ticks, a grid, one
/// polyline with point markers per series, a legend, a title and axis labels. Points with a
/// non-finite y are gaps.
public struct LineChart {
    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width = 720.0
    public var height = 440.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// Colour-blind-safe palette (Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// About `count` round tick values covering lo...hi (1, 2, 5 × 10ⁿ steps). Any finite range
    /// works (down to subnormal widths, up to ±Double.greatestFiniteMagnitude): where round steps
    /// cannot be represented the two ends are the ticks. Never more than 4·count ticks.
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 6) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        guard hi > lo else { return [lo] }
        let raw = hi / Double(max(count - 1, 1)) - lo / Double(max(count - 1, 1))
        // Steps too small for round multiples (subnormal) or spans too wide: the ends only.
        guard raw.isNormal, raw > 1e-290, raw < 1e290 else { return [lo, hi] }
        let exponent = Int(floor(log10(raw)))
        let magnitude = pow(10, Double(exponent))
        let multiple = [1.0, 2, 2.5, 5, 10].first { $0 * magnitude >= raw * (1 - 1e-12) } ?? 10
        let step = multiple * magnitude
        // Tick k is k·multiple·10^exponent, computed so that 0.6 prints as 0.6.
        func tick(_ k: Int) -> Double {
            exponent < 0 ? Double(k) * multiple / pow(10, Double(-exponent)) : Double(k) * multiple * magnitude
        }
        let first = (lo / step).rounded(.down)
        // |lo| / step beyond 2^52: consecutive multiples are no longer distinct doubles.
        guard abs(first) < 4e15 else { return [lo, hi] }
        var k = Int(first)
        var out: [Double] = []
        while tick(k) <= hi + step * 1e-9 && out.count <= 4 * count {
            if tick(k) >= lo - step * 1e-9 { out.append(tick(k)) }
            k += 1
        }
        return out.isEmpty ? [lo, hi] : out
    }

    static func label(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
        if abs(v) >= 1e6 || abs(v) < 1e-3 { return String(format: "%.2g", v) }
        return String(format: "%g", (v * 1000).rounded() / 1000)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Largest magnitude drawn: beyond it a point is skipped (the axis scale would overflow).
    static let drawable = 1e300

    static func isDrawable(_ p: (x: Double, y: Double)) -> Bool {
        p.x.isFinite && p.y.isFinite && abs(p.x) <= drawable && abs(p.y) <= drawable
    }

    /// Points not drawn: non-finite (NaN: no value, e.g. an epoch a run did not reach; ±inf) or
    /// beyond ±1e300. The SVG says how many.
    public var skippedPoints: Int { series.reduce(0) { $0 + $1.points.filter { !LineChart.isDrawable($0) }.count } }

    public var svg: String {
        let finite = series.flatMap { $0.points }.filter(LineChart.isDrawable)
        var xLo = finite.map(\.x).min() ?? 0, xHi = finite.map(\.x).max() ?? 1
        var yLo = finite.map(\.y).min() ?? 0, yHi = finite.map(\.y).max() ?? 1
        if xHi <= xLo { xLo -= 0.5; xHi += 0.5 }
        if yHi <= yLo { let pad = max(abs(yLo) * 0.1, 0.5); yLo -= pad; yHi += pad }
        // A little room so that lines at the extremes do not sit on the frame.
        let room = (yHi - yLo) * 0.04
        yLo -= room
        yHi += room
        let xTicks = LineChart.ticks(xLo, xHi), yTicks = LineChart.ticks(yLo, yHi)
        xLo = min(xLo, xTicks.first ?? xLo); xHi = max(xHi, xTicks.last ?? xHi)
        yLo = min(yLo, yTicks.first ?? yLo); yHi = max(yHi, yTicks.last ?? yHi)
        let left = 70.0, right = 170.0, top = 40.0, bottom = 55.0
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xLo) / (xHi - xLo) * plotW }
        func py(_ y: Double) -> Double { top + (1 - (y - yLo) / (yHi - yLo)) * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(left + plotW / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\(LineChart.escape(title))</text>

        """
        for t in yTicks {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(t)))\" stroke=\"#e5e5e5\"/>\n"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(LineChart.label(t))</text>\n"
        }
        for t in xTicks {
            s += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top))\" x2=\"\(f(px(t)))\" y2=\"\(f(top + plotH))\" stroke=\"#f0f0f0\"/>\n"
            s += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(px(t)))\" y2=\"\(f(top + plotH + 5))\" stroke=\"black\"/>\n"
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(LineChart.label(t))</text>\n"
        }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"black\"/>\n"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(LineChart.escape(xLabel))</text>\n"
        s += "<text x=\"16\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotH / 2)))\">\(LineChart.escape(yLabel))</text>\n"
        for (i, serie) in series.enumerated() {
            let colour = LineChart.palette[i % LineChart.palette.count]
            var segments: [[(Double, Double)]] = [[]]
            for p in serie.points {
                if LineChart.isDrawable(p) { segments[segments.count - 1].append((px(p.x), py(p.y))) } else { segments.append([]) }
            }
            for segment in segments where !segment.isEmpty {
                let coordinates = segment.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
                s += "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
                for (x, y) in segment { s += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(colour)\"/>\n" }
            }
            let ly = top + 10 + Double(i) * 20
            s += "<line x1=\"\(f(left + plotW + 15))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW + 40))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(f(left + plotW + 46))\" y=\"\(f(ly + 4))\">\(LineChart.escape(serie.name))</text>\n"
        }
        if skippedPoints > 0 {
            s += "<text x=\"\(f(left))\" y=\"\(f(height - 12))\" font-size=\"10\" fill=\"#666\">"
                + "\(skippedPoints) point\(skippedPoints == 1 ? "" : "s") not drawn (no value, non-finite or beyond ±1e300)</text>\n"
        }
        s += "</svg>\n"
        return s
    }
}
