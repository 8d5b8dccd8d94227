package org.iterwatch.subscription;

/** What an alert says happened to a solver. */
enum AlertKind {
    STARTED("\u25b6\ufe0f", "started"),
    STOPPED("\u2705", "stopped"),
    FAILED("\ud83d\udd34", "failed"),
    SUSPECTED("\u26a0\ufe0f", "is silent: suspected failure"),
    BACK("\ud83d\udc9a", "is back");

    private final String icon;
    private final String headline;

    AlertKind(String icon, String headline) {
        this.icon = icon;
        this.headline = headline;
    }

    String icon() {
        return icon;
    }

    String headline() {
        return headline;
    }
}
