package org.iterwatch.bot;

import javax.sql.DataSource;
import org.iterwatch.bot.charts.PinnedMessages;
import org.iterwatch.bot.delivery.ChatBook;
import org.iterwatch.bot.ha.Election;
import org.iterwatch.bot.ha.InstanceRole;
import org.iterwatch.config.Fence;
import org.iterwatch.config.IterwatchConfig;
import org.iterwatch.subscription.People;

/**
 * Which instance is active. On a shared PostgreSQL the instances elect one (its election fences every write to
 * Telegram and the outbox, and starts and stops the active side); on H2 the one instance always is.
 *
 * @param election null on H2
 */
record HaWiring(Election election, Fence fence, InstanceRole role) {

    static HaWiring wire(IterwatchConfig config, DataSource dataSource) {
        if (!config.storage().shared()) {
            return new HaWiring(null, Fence.OPEN, InstanceRole.alone(InstanceRole.name(config.storage())));
        }
        Election election = new Election(dataSource, InstanceRole.name(config.storage()), config.storage().lease());
        return new HaWiring(election, election, InstanceRole.of(election));
    }

    /** The active side's group in the process: running at once on H2, waiting for the election on PostgreSQL. */
    Lifecycle activeGroup(Lifecycle process) {
        Lifecycle active = process.group("active");
        if (election != null) {
            // Still empty: from now on its parts wait for the election to start them.
            active.stop();
        }
        return active;
    }

    /** On a shared database, first of all on becoming active: read again what the previous active one may have changed. */
    void rereadOnActivation(Lifecycle active, People people, ChatBook chatBook, PinnedMessages pinned) {
        if (election != null) {
            active.add("shared state", new SharedState(people, chatBook, pinned));
        }
    }

    /** The last part of the process: from now on the election starts and stops the active side. */
    void govern(Lifecycle process, Lifecycle active) {
        if (election != null) {
            election.governs(active::start, active::stop);
            process.add("election", election);
        }
    }

    /** For the start-up line. */
    String standbyNote() {
        return election != null ? "; instance " + election.instanceName() + ", standby until elected" : "";
    }
}
