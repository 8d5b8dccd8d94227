package org.iterwatch.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * @param token    the bot token from @BotFather
 * @param apiUrl   Bot API base URL; a local Bot API server or a test fake can stand in
 * @param admins   Telegram user ids allowed to do everything
 * @param pollTimeout how long one getUpdates long poll may wait
 * @param groups   group chat ids the bot serves (only known people in them); none: private chats only
 */
public record Telegram(Secret token, URI apiUrl, List<Long> admins, Duration pollTimeout, List<Long> groups) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");

    public Telegram {
        token = token == null ? new Secret("") : token;
        apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
        admins = admins == null ? List.of() : List.copyOf(admins);
        pollTimeout = pollTimeout == null ? Duration.ofSeconds(50) : pollTimeout;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
