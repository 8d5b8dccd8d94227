package org.iterwatch.subscription;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A press on an alert's button. Callback data is untrusted: parsed strictly, at most 64 bytes. */
public record AlertPress(Action action, long alertId) {
    public enum Action { MUTE, ACK }

    private static final Pattern DATA = Pattern.compile("(mute|ack):([1-9][0-9]{0,17})");

    public static Optional<AlertPress> parse(String data) {
        if (data == null || data.length() > 64) {
            return Optional.empty();
        }
        Matcher m = DATA.matcher(data);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AlertPress(m.group(1).equals("mute") ? Action.MUTE : Action.ACK, Long.parseLong(m.group(2))));
    }

    static List<ChatSender.Button> buttons(long alertId, boolean acknowledged) {
        ChatSender.Button mute = new ChatSender.Button("\ud83d\udd15 Mute 1h", "mute:" + alertId);
        return acknowledged ? List.of(mute) : List.of(mute, new ChatSender.Button("\u2713 Ack", "ack:" + alertId));
    }
}
