package org.iterwatch.subscription;

/** A solver event that is not valid; {@link #field()} names the field at fault. */
public final class BadEventException extends SubscriptionException {
    private final String field;

    BadEventException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
