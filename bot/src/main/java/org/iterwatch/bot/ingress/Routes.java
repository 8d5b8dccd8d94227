package org.iterwatch.bot.ingress;

import static org.iterwatch.bot.ingress.JsonReplies.error;
import static org.iterwatch.bot.ingress.JsonReplies.reply;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Which port serves what: the events path on the API port only; {@code /healthz} and {@code /metrics} on the
 * management port when there is one (so they need not be exposed where solvers post), else on the API port.
 */
final class Routes extends Handler.Abstract {
    private final Connector api;
    private final Connector management;
    private final EventsEndpoint events;
    private final ManagementEndpoints status;

    /** {@code management} null: no port of its own. */
    Routes(Connector api, Connector management, EventsEndpoint events, ManagementEndpoints status) {
        this.api = api;
        this.management = management;
        this.events = events;
        this.status = status;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean managementHere = management == null || request.getConnectionMetaData().getConnector() == management;
        if (managementHere && path.equals("/healthz")) {
            return status.health(response, callback);
        }
        if (managementHere && path.equals("/metrics")) {
            return status.metrics(response, callback);
        }
        if (request.getConnectionMetaData().getConnector() != api) {
            return reply(response, callback, 404, error("no such endpoint; this port serves /healthz and /metrics"));
        }
        if (!path.equals(EventsServer.EVENTS_PATH)) {
            return reply(response, callback, 404, error("no such endpoint; solvers POST to " + EventsServer.EVENTS_PATH));
        }
        return events.handle(request, response, callback);
    }
}
