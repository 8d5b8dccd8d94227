package org.iterwatch.render;

/**
 * Optional facts for a progress caption, beyond {@link ProgressCaption}'s fields.
 *
 * @param missing       iteration numbers that never arrived, ascending (empty: none)
 * @param pointsPerMinute arrival rate, or null when unknown
 * @param restarts      times the calculation was restarted and the series reset
 * @param lastError     why the last skipped record was skipped, or null
 */
public record CaptionDetails(long[] missing, Double pointsPerMinute, int restarts, String lastError) {
    public static final CaptionDetails NONE = new CaptionDetails(new long[0], null, 0, null);

    public CaptionDetails {
        missing = missing == null ? new long[0] : missing.clone();
    }

    public CaptionDetails withMissing(long... iterations) {
        return new CaptionDetails(iterations, pointsPerMinute, restarts, lastError);
    }

    public CaptionDetails withRate(Double perMinute) {
        return new CaptionDetails(missing, perMinute, restarts, lastError);
    }

    public CaptionDetails withRestarts(int count) {
        return new CaptionDetails(missing, pointsPerMinute, count, lastError);
    }

    public CaptionDetails withLastError(String error) {
        return new CaptionDetails(missing, pointsPerMinute, restarts, error);
    }
}
