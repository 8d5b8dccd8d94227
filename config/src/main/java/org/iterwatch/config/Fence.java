package org.iterwatch.config;

/**
 * Whether this instance still holds the active role. Instances sharing a database elect one active; one that
 * was paused (GC, SIGSTOP, a frozen VM) past its lease may wake while another is active already. Whatever
 * reaches outside the process on the active side's behalf (a Telegram call, an outbox claim) asks first.
 */
@FunctionalInterface
public interface Fence {
    /** The one instance on a database of its own (H2) is always active. */
    Fence OPEN = () -> true;

    /** True while this instance's lease is valid by its own clock; false once it may have passed to another. */
    boolean holds();
}
