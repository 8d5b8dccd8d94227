package org.iterwatch.subscription;

/** What an alert says happened to a solver. */
enum AlertKind {
    STARTED("\u25b6\ufe0f", "started", false),
    STOPPED("\u2705", "stopped", false),
    FAILED("\ud83d\udd34", "failed", true),
    SUSPECTED("\u26a0\ufe0f", "is silent: suspected failure", true),
    BACK("\ud83d\udc9a", "is back", false);

    private final String icon;
    private final String headline;
    private final boolean loud;

    AlertKind(String icon, String headline, boolean loud) {
        this.icon = icon;
        this.headline = headline;
        this.loud = loud;
    }

    /** An alarm rings and carries Ack; the rest is news, sent without a sound. */
    boolean loud() {
        return loud;
    }

    String icon() {
        return icon;
    }

    String headline() {
        return headline;
    }
}
