package org.iterwatch.monitor;

/**
 * Whether the calculation writing a topic said it ended (its solver reported stopped or failed): the topic's
 * silence is then expected and no "stalled" notice is raised. The bot answers it from the solvers' events.
 */
@FunctionalInterface
public interface RunEnds {
    RunEnds NEVER = topic -> false;

    boolean ended(String topic);
}
