package org.iterwatch.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.iterwatch.config.Durations;

/**
 * Tells a monitor's followers, once each, what they must know beyond the chart: the calculation restarted,
 * its topic went silent for the stall period or came back. Decided at the end of a tick's read, on the
 * monitor's stored state, so that a restart of iterwatch neither repeats nor loses a notice.
 */
final class Supervisor {
    private final MonitorRepository repository;
    private final MonitorEvents events;
    private final RunEnds runEnds;

    Supervisor(MonitorRepository repository, MonitorEvents events, RunEnds runEnds) {
        this.repository = repository;
        this.events = events;
        this.runEnds = runEnds;
    }

    /** @return the monitor as stored now */
    MonitorRow reportRestarts(MonitorRow row, TopicReader reader) {
        Generation now = reader.generation();
        Generation before = Generation.parse(row.generation());
        Optional<String> emptied = reader.takeRestart();
        if (now.restartedFrom(before)) {
            String cause = before.topicId().equals(now.topicId()) ? "new run " + now.run()
                    : "the topic was deleted and created again";
            repository.restarted(row.id(), now.text());
            notifyFollowers(row, MonitorNotice.Kind.RESTARTED, cause);
        } else if (emptied.isPresent()) {
            repository.restarted(row.id());
            notifyFollowers(row, MonitorNotice.Kind.RESTARTED, emptied.get());
        }
        if (!now.text().equals(row.generation())) {
            repository.generation(row.id(), now.text());
        }
        return repository.byId(row.id()).orElse(row);
    }

    /**
     * @param fresh records read by this tick that are news (see {@link TopicReader#catchUp})
     * @return the monitor as stored now
     */
    MonitorRow watchStall(MonitorRow row, TopicReader reader, Supervision sup, long fresh, Duration stall) {
        long now = System.nanoTime();
        if (fresh > 0 || sup.lastData == 0) {
            sup.lastData = now;
        }
        boolean held = row.heldState() == MonitorState.STALLED;
        if (held && fresh > 0) {
            repository.heldState(row.id(), null);
            notifyFollowers(row, MonitorNotice.Kind.RESUMED, "");
        } else if (!held && !reader.finished() && now - sup.lastData > stall.toNanos() && !ended(row.topic())) {
            repository.heldState(row.id(), MonitorState.STALLED);
            notifyFollowers(row, MonitorNotice.Kind.STALLED, Durations.format(stall));
        } else {
            return row;
        }
        return repository.byId(row.id()).orElse(row);
    }

    /**
     * What the series says, told once per episode (stored, so that rereading the topic after a restart of
     * iterwatch does not tell it again): non-finite values, values beyond ±limit, converged, stagnating.
     *
     * @param deltas the change per iteration, or null when the monitor does not watch convergence
     */
    void watchSeries(MonitorRow row, TopicReader reader, Supervision sup, MonitorOptions options,
                     List<Deltas.Delta> deltas) {
        String run = "g" + row.restarts() + "/";
        long nonFinite = reader.nonFiniteSince();
        if (nonFinite >= 0) {
            alertOnce(row, sup, run + "nonfinite/" + nonFinite, MonitorNotice.Kind.NON_FINITE, Long.toString(nonFinite));
        }
        long diverging = reader.divergingSince();
        if (diverging >= 0 && options.limit() != null) {
            alertOnce(row, sup, run + "diverging/" + diverging, MonitorNotice.Kind.DIVERGING, "values beyond \u00b1"
                    + MonitorOptions.number(options.limit()) + " since iteration " + diverging);
        }
        if (deltas == null || options.converge() == null || deltas.isEmpty()) {
            return;
        }
        double tolerance = options.converge();
        Deltas.Delta last = deltas.get(deltas.size() - 1);
        if (Deltas.converged(deltas, tolerance)) {
            alertOnce(row, sup, run + "converged", MonitorNotice.Kind.CONVERGED, "|\u0394| " + sci(last.max())
                    + " at iteration " + last.iteration() + ", under " + sci(tolerance) + " for "
                    + Deltas.CONVERGED_AFTER + " iterations");
        }
        long best = Deltas.stagnatingSince(deltas, tolerance, options.stagnation());
        if (best >= 0) {
            alertOnce(row, sup, run + "stagnating/" + best, MonitorNotice.Kind.STAGNATING, "|\u0394| has not fallen below its "
                    + "best since iteration " + best + " (" + (last.iteration() - best) + " iterations); now "
                    + sci(last.max()) + ", tolerance " + sci(tolerance));
        }
    }

    private void alertOnce(MonitorRow row, Supervision sup, String key, MonitorNotice.Kind kind, String detail) {
        if (sup.alerted.contains(key)) {
            return;
        }
        boolean first = repository.firstAlert(row.id(), key);
        sup.alerted.add(key); // only once stored: a database failure is tried again next tick
        if (first) {
            notifyFollowers(row, kind, detail);
        }
    }

    private static String sci(double v) {
        return String.format(java.util.Locale.ROOT, "%.2g", v);
    }


    /** A run that clearly ended is not stalled; when that cannot be told, the silence is reported. */
    private boolean ended(String topic) {
        try {
            return runEnds.ended(topic);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The monitor gave up: held FAILED until /start, and its followers told why. */
    void failed(MonitorRow row, int failures, String why) {
        repository.heldState(row.id(), MonitorState.FAILED);
        notifyFollowers(row, MonitorNotice.Kind.FAILED, "it failed " + failures + " times in a row, last: " + why);
    }

    private void notifyFollowers(MonitorRow row, MonitorNotice.Kind kind, String detail) {
        List<Follower> followers = repository.followers(row.id());
        if (!followers.isEmpty()) {
            events.notify(new MonitorNotice(row.id(), row.topic(), kind, detail, followers));
        }
    }
}
