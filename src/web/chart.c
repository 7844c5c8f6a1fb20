/* chart.c - inline SVG charts. See chart.h. */
#include "web/chart.h"

#include <math.h>
#include <stdio.h>

#include "web/html.h"

/* Fills by status: a colour, and a pattern for black and white. */
static const char *status_fill(Arena *a, enum Status s, int id)
{
    switch (s) {
    case STATUS_DONE: return arena_printf(a, "url(#cs-done-%d)", id);
    case STATUS_ON_SCHEDULE: case STATUS_IN_PROGRESS: return arena_printf(a, "url(#cs-ok-%d)", id);
    case STATUS_BEHIND: return arena_printf(a, "url(#cs-behind-%d)", id);
    case STATUS_SERIOUS: return arena_printf(a, "url(#cs-serious-%d)", id);
    default: return "#c8ccd0";
    }
}

static int chart_seq(Request *r)
{
    /* ids unique within one page: charts count themselves on the request */
    return (int)(r->body.len % 100000);
}

/* Pattern definitions: solid green, blue with dots, amber with diagonal
 * hatching, red with cross-hatching. */
static void patterns(Request *r, int id)
{
    html_printf(r, "<defs>"
                   "<pattern id=\"cs-done-%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                   "<rect width=\"6\" height=\"6\" fill=\"#1a7f37\"/></pattern>"
                   "<pattern id=\"cs-ok-%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                   "<rect width=\"6\" height=\"6\" fill=\"#0b57a4\"/><circle cx=\"3\" cy=\"3\" r=\"1\" fill=\"#fff\"/></pattern>"
                   "<pattern id=\"cs-behind-%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                   "<rect width=\"6\" height=\"6\" fill=\"#bf8700\"/><path d=\"M0,6 L6,0\" stroke=\"#fff\" stroke-width=\"1.2\"/></pattern>"
                   "<pattern id=\"cs-serious-%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                   "<rect width=\"6\" height=\"6\" fill=\"#cf222e\"/><path d=\"M0,6 L6,0 M0,0 L6,6\" stroke=\"#fff\" stroke-width=\"1\"/></pattern>"
                   "</defs>",
                id, id, id, id);
}

static double clamp01(double v)
{
    return isnan(v) || v < 0 ? 0 : v > 1 ? 1 : v;
}

void chart_bars(Request *r, const char *title, const char *desc, const BarItem *items, size_t n,
                double reference, const char *reference_label)
{
    const int label_w = 300, bar_w = 360, row_h = 26, top = 24, width = label_w + bar_w + 70;
    int height = top + (int)n * row_h + 24;
    int id = chart_seq(r);
    html_printf(r, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                   "aria-labelledby=\"ct%d cd%d\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">"
                   "<title id=\"ct%d\">%s</title><desc id=\"cd%d\">%s</desc>",
                width, height, id, id, id, title, id, desc);
    patterns(r, id);
    /* axis ticks at 0, 25, 50, 75, 100% */
    for (int t = 0; t <= 4; t++) {
        int x = label_w + bar_w * t / 4;
        html_printf(r, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d0d7de\"/>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#5c6670\">%d%%</text>",
                    x, top - 6, x, height - 20, x, height - 6, t * 25);
    }
    for (size_t i = 0; i < n; i++) {
        int y = top + (int)i * row_h;
        double v = clamp01(items[i].value);
        char pct[32];
        snprintf(pct, sizeof pct, "%.1f%%", items[i].value * 100);
        if (items[i].href)
            html_printf(r, "<a href=\"%s\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#0b57a4\">%s</text></a>",
                        items[i].href, label_w - 8, y + 17, items[i].label);
        else
            html_printf(r, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", label_w - 8, y + 17, items[i].label);
        html_printf(r, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#1f2328\" stroke-width=\"0.5\"/>"
                       "<text x=\"%d\" y=\"%d\">%s</text>",
                    label_w, y + 5, (int)lround(bar_w * v), row_h - 10, status_fill(r->a, items[i].status, id),
                    label_w + (int)lround(bar_w * v) + 6, y + 17,
                    items[i].value_text ? items[i].value_text : pct);
    }
    if (reference >= 0) {
        int x = label_w + (int)lround(bar_w * clamp01(reference));
        html_printf(r, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f2328\" stroke-width=\"2\" "
                       "stroke-dasharray=\"6 3\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>",
                    x, top - 4, x, height - 20, x, top - 10 < 10 ? 12 : top - 10, reference_label ? reference_label : "");
    }
    html_raw(r, "</svg>");
    html_printf(r, "<figcaption>%s</figcaption><details class=\"chart-data\"><summary>数据表</summary><table>"
                   "<thead><tr><th></th><th>比例</th><th></th></tr></thead><tbody>", title);
    for (size_t i = 0; i < n; i++)
        html_printf(r, "<tr><td>%s</td><td class=\"num\">%.1f%%</td><td>%s</td></tr>", items[i].label,
                    items[i].value * 100, items[i].note ? items[i].note : progress_status_label(items[i].status));
    if (reference >= 0)
        html_printf(r, "<tr><td>%s</td><td class=\"num\">%.1f%%</td><td></td></tr>",
                    reference_label ? reference_label : "参考线", reference * 100);
    html_raw(r, "</tbody></table></details></figure>");
}

void chart_lines(Request *r, const char *title, const char *desc, const char *const *x_labels,
                 size_t nx, const Series *series, size_t ns, const double *reference)
{
    static const char *const DASH[] = {"", "8 3", "2 3", "10 3 2 3", "4 4", "12 4", "1 2"};
    static const char *const COLOUR[] = {"#0b57a4", "#cf222e", "#1a7f37", "#bf8700", "#6639ba", "#1f2328", "#57606a"};
    const int left = 44, plot_w = 520, plot_h = 200, top = 16, legend_w = 300;
    int width = left + plot_w + legend_w, height = top + plot_h + 40;
    if ((int)ns * 18 + top > height) height = (int)ns * 18 + top + 10;
    int id = chart_seq(r);
    html_printf(r, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
                   "aria-labelledby=\"ct%d cd%d\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">"
                   "<title id=\"ct%d\">%s</title><desc id=\"cd%d\">%s</desc>",
                width, height, id, id, id, title, id, desc);
    for (int t = 0; t <= 4; t++) {
        int y = top + plot_h - plot_h * t / 4;
        html_printf(r, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d0d7de\"/>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#5c6670\">%d%%</text>",
                    left, y, left + plot_w, y, left - 4, y + 4, t * 25);
    }
    double step = nx > 1 ? (double)plot_w / (double)(nx - 1) : 0;
    for (size_t i = 0; i < nx; i++)
        html_printf(r, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    left + (int)lround(step * (double)i), top + plot_h + 18, x_labels[i]);
    if (reference) {
        html_raw(r, "<polyline fill=\"none\" stroke=\"#8c959f\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"");
        for (size_t i = 0; i < nx; i++)
            html_printf(r, "%d,%d ", left + (int)lround(step * (double)i),
                        top + plot_h - (int)lround(plot_h * clamp01(reference[i])));
        html_printf(r, "\"/><text x=\"%d\" y=\"%d\" fill=\"#57606a\">序时进度</text>", left + plot_w + 12, top + 12);
    }
    for (size_t s = 0; s < ns; s++) {
        const char *colour = COLOUR[s % 7], *dash = DASH[(s / 7 + s) % 7];
        html_printf(r, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"", colour, dash);
        for (size_t i = 0; i < nx; i++)
            if (!isnan(series[s].values[i]))
                html_printf(r, "%d,%d ", left + (int)lround(step * (double)i),
                            top + plot_h - (int)lround(plot_h * clamp01(series[s].values[i])));
        html_raw(r, "\"/>");
        for (size_t i = 0; i < nx; i++)
            if (!isnan(series[s].values[i]))
                html_printf(r, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>", left + (int)lround(step * (double)i),
                            top + plot_h - (int)lround(plot_h * clamp01(series[s].values[i])), colour);
        int ly = top + 30 + (int)s * 18;
        html_printf(r, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>"
                       "<text x=\"%d\" y=\"%d\">%s</text>",
                    left + plot_w + 12, ly, left + plot_w + 40, ly, colour, dash, left + plot_w + 46, ly + 4, series[s].label);
    }
    html_raw(r, "</svg>");
    html_printf(r, "<figcaption>%s</figcaption><details class=\"chart-data\"><summary>数据表</summary><table><thead><tr><th></th>", title);
    for (size_t i = 0; i < nx; i++) html_printf(r, "<th>%s</th>", x_labels[i]);
    html_raw(r, "</tr></thead><tbody>");
    for (size_t s = 0; s < ns; s++) {
        html_printf(r, "<tr><td>%s</td>", series[s].label);
        for (size_t i = 0; i < nx; i++) {
            if (isnan(series[s].values[i])) html_raw(r, "<td class=\"num\">—</td>");
            else html_printf(r, "<td class=\"num\">%.1f%%</td>", series[s].values[i] * 100);
        }
        html_raw(r, "</tr>");
    }
    if (reference) {
        html_raw(r, "<tr><td>序时进度</td>");
        for (size_t i = 0; i < nx; i++) html_printf(r, "<td class=\"num\">%.1f%%</td>", reference[i] * 100);
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></details></figure>");
}
