package org.iterwatch.config;

/** A credential that never shows up in toString, so it cannot leak through logging a config. */
public record Secret(String value) {
    public Secret {
        value = value == null ? "" : value.strip();
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isEmpty() ? "<none>" : "<secret>";
    }
}
