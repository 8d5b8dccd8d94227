package org.iterwatch.render;

/**
 * Optional facts for a progress caption, beyond {@link ProgressCaption}'s fields.
 *
 * @param missing         iteration numbers that never arrived, ascending (empty: none)
 * @param pointsPerMinute arrival rate, or null when unknown
 * @param restarts        times the calculation was restarted and the series reset
 * @param lastError       why the last skipped record was skipped, or null
 * @param progress        how far the calculation is, or null
 * @param convergence     how it converges ({@code converge=}), or null
 * @param outliers        values beyond the chart's value range, marked at its edge
 * @param nonFinite       NaN or infinite values, marked at the chart's top edge
 * @param previousRun     the line about the run before this one, or null
 */
public record CaptionDetails(long[] missing, Double pointsPerMinute, int restarts, String lastError, Progress progress,
                             Convergence convergence, long outliers, long nonFinite, String previousRun) {
    public static final CaptionDetails NONE = new CaptionDetails(new long[0], null, 0, null);

    public CaptionDetails {
        missing = missing == null ? new long[0] : missing.clone();
    }

    public CaptionDetails(long[] missing, Double pointsPerMinute, int restarts, String lastError) {
        this(missing, pointsPerMinute, restarts, lastError, null, null, 0, 0, null);
    }

    public CaptionDetails withMissing(long... iterations) {
        return new CaptionDetails(iterations, pointsPerMinute, restarts, lastError, progress, convergence, outliers,
                nonFinite, previousRun);
    }

    public CaptionDetails withRate(Double perMinute) {
        return new CaptionDetails(missing, perMinute, restarts, lastError, progress, convergence, outliers, nonFinite,
                previousRun);
    }

    public CaptionDetails withRestarts(int count) {
        return new CaptionDetails(missing, pointsPerMinute, count, lastError, progress, convergence, outliers,
                nonFinite, previousRun);
    }

    public CaptionDetails withLastError(String error) {
        return new CaptionDetails(missing, pointsPerMinute, restarts, error, progress, convergence, outliers,
                nonFinite, previousRun);
    }

    /** What the series says: progress, convergence, and the values the chart could not place. */
    public CaptionDetails withInsight(Progress p, Convergence c, long outlierCount, long nonFiniteCount) {
        return new CaptionDetails(missing, pointsPerMinute, restarts, lastError, p, c, outlierCount, nonFiniteCount,
                previousRun);
    }

    public CaptionDetails withPreviousRun(String line) {
        return new CaptionDetails(missing, pointsPerMinute, restarts, lastError, progress, convergence, outliers,
                nonFinite, line);
    }
}
