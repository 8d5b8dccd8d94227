package org.iterwatch.subscription;

import java.time.Instant;

/**
 * Someone who may use the bot.
 *
 * @param grantedBy the admin who allowed them, or null for admins from the configuration
 * @param grantedAt when, or null for admins from the configuration
 */
public record Person(long userId, Role role, Long grantedBy, Instant grantedAt) {
    public boolean fromConfig() {
        return grantedBy == null;
    }
}
