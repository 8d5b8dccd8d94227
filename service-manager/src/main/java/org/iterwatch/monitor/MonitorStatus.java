package org.iterwatch.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.iterwatch.config.Durations;
import org.iterwatch.render.Convergence;
import org.iterwatch.render.Html;
import org.iterwatch.render.Progress;
import org.iterwatch.render.StatusText;
import org.iterwatch.render.Titles;

/**
 * One monitor in detail, for {@code /status <topic>}.
 *
 * @param missing      the first few iterations between first and last that hold no point
 * @param missingCount how many iterations are missing in all
 * @param rate         records read per second over the last minute
 * @param lag          records in Kafka not read yet
 * @param lastRecord   timestamp of the newest record, or null
 * @param lastError    why the last skipped record was skipped, or null
 * @param since        when this monitor's reading began (its uptime), or null when it is not reading
 * @param options      the options in force
 * @param progress     how far the run is, its pace and ETA, or null before any record
 * @param convergence  the change between iterations ({@code converge=}), or null
 * @param rebuilding   it runs but is still rereading its topic: the points are those read so far
 */
public record MonitorStatus(String topic, String title, MonitorState state, long points, long firstIteration,
                            long lastIteration, List<Long> missing, long missingCount, double rate, long lag,
                            Instant lastRecord, long skipped, String lastError, long restarts, Instant since,
                            MonitorOptions options, Progress progress, Convergence convergence, boolean rebuilding) {
    public MonitorStatus {
        missing = List.copyOf(missing);
    }

    /** Telegram HTML, within one message. */
    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<b>").append(Html.escape(Html.shorten(topic, 200))).append("</b>");
        if (title != null) {
            out.append(" \u2014 ").append(Html.escape(Html.shorten(title, 200)));
        }
        boolean finished = state == MonitorState.RUNNING && progress != null && progress.finished();
        out.append("\nState: ").append(finished ? "FINISHED" : state.name());
        if (progress != null) {
            out.append("\nProgress: ").append(Html.escape(progress.text()));
        }
        if (convergence != null) {
            out.append("\nConvergence: ").append(Html.escape(convergence.text()));
        }
        out.append("\nPoints: ").append(Titles.count(points)).append(rebuilding ? " read so far (rebuilding\u2026)" : "");
        if (points > 0) {
            out.append("\nIterations: ").append(firstIteration).append('\u2013').append(lastIteration);
        }
        if (missingCount > 0) {
            out.append("\nMissing iterations: ").append(missingText(missing, missingCount));
        }
        out.append("\nIngest rate: ").append(String.format(Locale.ROOT, "%.1f", rate)).append(" records/s");
        out.append("\nConsumer lag: ").append(lag).append(" records");
        out.append("\nLast record: ").append(StatusText.when(lastRecord));
        if (lastRecord != null) {
            out.append(" (").append(StatusText.age(lastRecord, Instant.now())).append(')');
        }
        out.append("\nSkipped records: ").append(skipped);
        if (lastError != null) {
            out.append(" (last: ").append(Html.escape(Html.shorten(lastError, 300))).append(')');
        }
        out.append("\nRestarts of the calculation: ").append(restarts);
        out.append("\nUptime: ").append(since == null ? "not reading" : readable(Duration.between(since, Instant.now())));
        out.append("\nOptions: refresh=").append(Durations.format(options.refreshPeriod()))
                .append(" stall=").append(Durations.format(options.stallPeriod()))
                .append(" x=").append(options.xAxis().name().toLowerCase(Locale.ROOT));
        if (options.converge() != null) {
            out.append(" converge=").append(MonitorOptions.number(options.converge()))
                    .append(" stagnation=").append(options.stagnation());
        }
        if (options.limit() != null) {
            out.append(" limit=").append(MonitorOptions.number(options.limit()));
        }
        return out.toString();
    }

    /** "10 min 44 s", "3 h 5 min", "2 d 4 h": as people say it, not "644s". */
    static String readable(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    static String missingText(List<Long> missing, long count) {
        String listed = missing.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "));
        return count > Math.min(20, missing.size()) ? listed + " \u2026 (" + count + " in all)" : listed;
    }
}
