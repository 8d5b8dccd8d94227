package org.iterwatch.render;

/** Lists of iteration numbers as people read them: "12, 13, 20–25". */
final class Iterations {
    private Iterations() {
    }

    /** Ascending iterations as ranges, at most about {@code max} characters, then "… (N in all)". */
    static String ranges(long[] sorted, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            String part = j == i ? Long.toString(sorted[i])
                    : j == i + 1 ? sorted[i] + ", " + sorted[j] : sorted[i] + "\u2013" + sorted[j];
            if (out.length() + part.length() > max) {
                out.append("\u2026 (").append(sorted.length).append(" in all)");
                return out.toString();
            }
            out.append(part);
            i = j + 1;
            if (i < sorted.length) {
                out.append(", ");
            }
        }
        return out.toString();
    }
}
