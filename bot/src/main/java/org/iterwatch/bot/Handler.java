package org.iterwatch.bot;

import java.util.function.BiFunction;
import org.iterwatch.subscription.Role;

/** A chat command: the least role that may give it, and what it does (given the message and argument, the HTML answer). */
record Handler(Role needs, BiFunction<Incoming.Text, String, String> run) {
}
