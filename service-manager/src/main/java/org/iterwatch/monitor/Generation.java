package org.iterwatch.monitor;

/**
 * Which topic (by id) and which run of the calculation a series belongs to; stored with the monitor so that
 * a restart of the calculation is noticed also across restarts of iterwatch.
 */
record Generation(String topicId, String run) {
    /** Whether going from {@code before} to this is a restart: a new topic, or a run replacing another. */
    boolean restartedFrom(Generation before) {
        if (before == null || before.topicId == null || topicId == null) {
            return false;
        }
        return !before.topicId.equals(topicId) || before.run != null && run != null && !before.run.equals(run);
    }

    String text() {
        return (topicId == null ? "" : topicId) + "/" + (run == null ? "" : run);
    }

    static Generation parse(String text) {
        if (text == null || !text.contains("/")) {
            return null;
        }
        int slash = text.indexOf('/');
        String id = text.substring(0, slash);
        String r = text.substring(slash + 1);
        return new Generation(id.isEmpty() ? null : id, r.isEmpty() ? null : r);
    }
}
