package org.iterwatch.config;

/** A wait between tries that an interrupt (a stop) cuts short without hiding it. */
public final class Pause {
    private Pause() {
    }

    /** @return true when the whole pause passed; false when interrupted (the thread's interrupt flag is set again) */
    public static boolean of(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
