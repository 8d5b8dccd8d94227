package org.iterwatch.monitor;

import java.util.Optional;

/**
 * What a monitor wants shown in its followers' chats, not drawn yet: rendering is most of what a chart costs,
 * and Telegram takes far fewer pictures than busy monitors produce, so a chart is drawn only when a chat's
 * turn to send it has come, from the monitor's newest data. A newer draft replaces one still waiting.
 */
public interface ChartDraft {
    /** Identifies the content as of the tick that made this draft; equal hashes mean equal pictures. */
    String contentHash();

    /**
     * Draws the monitor's newest data (waiting for a tick under way). Slow: renders a PNG.
     *
     * @param shownHash what the message shows now, or null when there is no message yet
     * @return nothing when the message shows that content already: then nothing was rendered
     */
    Optional<ChartPicture> draw(String shownHash);
}
