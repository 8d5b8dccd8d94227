package org.iterwatch.monitor;

import java.util.Locale;
import java.util.Optional;

/**
 * What one chart message shows, chosen with the second row of buttons under it and stored with that message:
 * all iterations, the latest one against the ones before it, or the change per iteration ({@code converge=});
 * a logarithmic value axis; the previous run behind the current one.
 *
 * @param hidePrevious the previous run is not drawn
 */
public record ChartView(Kind kind, boolean logY, boolean hidePrevious) {
    public static final ChartView DEFAULT = new ChartView(Kind.ALL, false, false);

    public enum Kind { ALL, LATEST, DELTA }

    /** The buttons of the view row, as their callback data names them. */
    public enum Button {
        ALL, LATEST, DELTA, LOG, PREVIOUS;

        public String data() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Button> parse(String data) {
            for (Button b : values()) {
                if (b.data().equals(data)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    /** The view after a press: a kind is chosen, log y and the previous run are toggled. */
    public ChartView press(Button button) {
        return switch (button) {
            case ALL -> new ChartView(Kind.ALL, logY, hidePrevious);
            case LATEST -> new ChartView(Kind.LATEST, logY, hidePrevious);
            case DELTA -> new ChartView(Kind.DELTA, logY, hidePrevious);
            case LOG -> new ChartView(kind, !logY, hidePrevious);
            case PREVIOUS -> new ChartView(kind, logY, !hidePrevious);
        };
    }

    /** Whether this button's choice is what the view shows now (the keyboard marks it). */
    public boolean shows(Button button) {
        return switch (button) {
            case ALL -> kind == Kind.ALL;
            case LATEST -> kind == Kind.LATEST;
            case DELTA -> kind == Kind.DELTA;
            case LOG -> logY;
            case PREVIOUS -> !hidePrevious;
        };
    }
}
