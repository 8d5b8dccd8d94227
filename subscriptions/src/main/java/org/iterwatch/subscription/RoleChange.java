package org.iterwatch.subscription;

/**
 * What /allow or /deny did to a person.
 *
 * @param before the role they had, or null for none
 * @param after  the role they have now, or null for none
 */
public record RoleChange(long userId, Role before, Role after) {
    public boolean changed() {
        return before != after;
    }
}
