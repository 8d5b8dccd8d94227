package org.iterwatch.subscription;

import org.iterwatch.config.IterwatchException;

/** A request about people, subscriptions or alerts that cannot be carried out; the message is for the user. */
public class SubscriptionException extends IterwatchException {
    public SubscriptionException(String message) {
        super(message);
    }
}
