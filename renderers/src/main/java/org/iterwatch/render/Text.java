package org.iterwatch.render;

import java.awt.FontMetrics;

/** Fitting text into pixels. */
final class Text {
    private static final String TITLE_SEPARATOR = " \u2014 ";

    private Text() {
    }

    /**
     * The text itself when it fits, else shortened with an ellipsis. A title's tail after the last
     * " — " (the point count) is kept whole: the count matters more than the end of a long topic.
     */
    static String fit(FontMetrics metrics, String text, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) {
            return text;
        }
        int cut = text.lastIndexOf(TITLE_SEPARATOR);
        String head = cut > 0 ? text.substring(0, cut) : text;
        String tail = cut > 0 ? text.substring(cut) : "";
        int lo = 1;
        int hi = head.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (metrics.stringWidth(Html.shorten(head, mid) + tail) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Html.shorten(head, Math.max(2, lo)) + tail;
    }
}
