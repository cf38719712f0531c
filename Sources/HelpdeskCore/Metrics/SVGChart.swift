import Foundation

/// Draws the report's charts as inline SVG (no scripts, no network): vertical bar charts for
/// distributions over an ordered axis and horizontal bar charts for ranked categories.
public enum SVGChart {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var note: String
        public init(label: String, value: Double, note: String = "") {
            self.label = label
            self.value = value
            self.note = note
        }
    }

    /// Vertical bars over an ordered axis; every `labelEvery`-th label is printed under its bar.
    public static func columns(_ bars: [Bar], width: Int = 760, height: Int = 220, labelEvery: Int = 1, color: String = "#2f6f9f") -> String {
        let top = 12.0, bottom = 36.0, left = 48.0
        let plotW = Double(width) - left - 8, plotH = Double(height) - top - bottom
        let peak = max(bars.map(\.value).max() ?? 0, 1)
        let step = bars.isEmpty ? plotW : plotW / Double(bars.count)
        var svg = header(width, height)
        svg += axis(left: left, top: top, plotW: plotW, plotH: plotH, peak: peak)
        for (i, b) in bars.enumerated() {
            let h = b.value / peak * plotH
            let x = left + Double(i) * step
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"><title>%@</title></rect>",
                          x + step * 0.1, top + plotH - h, step * 0.8, h, color, escape(b.label + ": " + (b.note.isEmpty ? number(b.value) : b.note)))
            if i % max(labelEvery, 1) == 0 {
                svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%@</text>",
                              x + step / 2, top + plotH + 14, escape(b.label))
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one row per category, value printed at the end of the bar.
    public static func rows(_ bars: [Bar], width: Int = 760, rowHeight: Int = 22, color: String = "#3b8f5a") -> String {
        let labelW = 170.0, right = 150.0
        let height = max(bars.count, 1) * rowHeight + 8
        let plotW = Double(width) - labelW - right
        let peak = max(bars.map(\.value).max() ?? 0, 1)
        var svg = header(width, height)
        for (i, b) in bars.enumerated() {
            let y = Double(i * rowHeight) + 4
            let w = b.value / peak * plotW
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%@</text>", labelW - 6, y + 15, escape(b.label))
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%@\"/>", labelW, y + 3, w, rowHeight - 6, color)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%@</text>", labelW + w + 4, y + 15,
                          escape(b.note.isEmpty ? number(b.value) : b.note))
        }
        return svg + "</svg>"
    }

    static func header(_ width: Int, _ height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" font-family=\"sans-serif\">"
    }

    static func axis(left: Double, top: Double, plotW: Double, plotH: Double, peak: Double) -> String {
        var s = String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>", left, top + plotH, left + plotW, top + plotH)
        for f in [0.0, 0.5, 1.0] {
            let y = top + plotH - f * plotH
            s += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, left + plotW, y)
            s += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%@</text>", left - 4, y + 3, number(peak * f))
        }
        return s
    }

    static func number(_ v: Double) -> String {
        v >= 10_000 ? String(format: "%.0fk", v / 1000) : (v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v))
    }

    /// Text safe inside HTML/SVG elements and attributes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
