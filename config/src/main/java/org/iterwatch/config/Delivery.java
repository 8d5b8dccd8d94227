package org.iterwatch.config;

/**
 * Pacing of everything sent to Telegram, kept inside its flood limits.
 *
 * @param overallPerSecond     requests per second for the whole bot
 * @param privateChatPerSecond messages per second to one private chat
 * @param groupPerMinute       messages per minute to one group (negative chat ids)
 */
public record Delivery(Integer overallPerSecond, Integer privateChatPerSecond, Integer groupPerMinute) {
    public Delivery {
        overallPerSecond = overallPerSecond == null ? 30 : overallPerSecond;
        privateChatPerSecond = privateChatPerSecond == null ? 1 : privateChatPerSecond;
        groupPerMinute = groupPerMinute == null ? 20 : groupPerMinute;
    }
}
