package org.iterwatch.bot.ingress;

import static org.iterwatch.bot.ingress.JsonReplies.error;
import static org.iterwatch.bot.ingress.JsonReplies.field;
import static org.iterwatch.bot.ingress.JsonReplies.reply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.iterwatch.bot.storage.StorageHealth;
import org.iterwatch.config.Api;
import org.iterwatch.config.Http;
import org.iterwatch.subscription.Alerts;
import org.iterwatch.subscription.BadEventException;
import org.iterwatch.subscription.SolverEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events}: bearer token, per-token rate limit and storage health are checked from the
 * headers, so a refusal costs no body; the body is then collected as it arrives ({@link BodyReader}),
 * validated and stored in the alert outbox, with a bounded number of requests storing at once.
 */
final class EventsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);

    private final Http http;
    private final Alerts alerts;
    private final Tokens tokens;
    private final RateLimits limits;
    private final Semaphore storing;
    private final PrometheusMeterRegistry metrics;
    private final StorageHealth storage;

    /** {@code storingThreads}: at most this many requests store at once, so a stalled disk cannot take all threads. */
    EventsEndpoint(Http http, Api api, Alerts alerts, PrometheusMeterRegistry metrics, StorageHealth storage,
                   int storingThreads) {
        this.http = http;
        this.alerts = alerts;
        this.tokens = new Tokens(api.tokens());
        this.limits = new RateLimits(api.eventsPerSecond());
        this.storing = new Semaphore(storingThreads);
        this.metrics = metrics;
        this.storage = storage;
    }

    int tokenCount() {
        return tokens.count();
    }

    boolean handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return answer(response, callback, 405, error("use POST"));
        }
        int token = tokens.match(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (token < 0) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            return refuse(response, callback, 401, error("missing or wrong bearer token"));
        }
        if (!limits.take(token)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            return refuse(response, callback, 429, error("too many events; slow down"));
        }
        Optional<String> storageProblem = storage.problem();
        if (storageProblem.isPresent()) {
            return unavailable(response, callback, storageProblem.get());
        }
        BodyReader.read(request, http.maxBodyBytes(), http.minBodyBytesPerSecond(), outcome -> {
            if (outcome instanceof BodyReader.Body body) {
                store(body.bytes(), response, callback);
            } else if (outcome instanceof BodyReader.Refused refused) {
                refuse(response, callback, refused.status(), refused.status() == 400
                        ? field("body", refused.message()) : error(refused.message()));
            }
        });
        return true;
    }

    /** The answer past the per-address limit (Jetty's DoSHandler); counted like every answer on this path. */
    boolean tooManyFromAddress(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        return answer(response, callback, 429, error("too many requests from your address; slow down"));
    }

    private void store(byte[] body, Response response, Callback callback) {
        SolverEvent event;
        try {
            event = SolverEvent.parse(body);
        } catch (BadEventException e) {
            answer(response, callback, 400, field(e.field(), e.getMessage()));
            return;
        }
        if (!storing.tryAcquire()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            answer(response, callback, 503, error("busy storing other events; try again"));
            return;
        }
        String id;
        try {
            id = alerts.accept(event);
        } catch (RuntimeException e) {
            if (!storage.failed(e)) {
                LOG.error("an event could not be stored", e);
            }
            unavailable(response, callback, storage.problem().orElse("the event could not be stored"));
            return;
        } finally {
            storing.release();
        }
        answer(response, callback, 202, "{\"id\":\"" + id + "\"}");
    }

    /** Nothing can be stored now (a full disk): said at once, before any body is read, with when to try again. */
    private boolean unavailable(Response response, Callback callback, String problem) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(StorageHealth.RETRY_AFTER.toSeconds()));
        return refuse(response, callback, 503, error("iterwatch cannot store events right now (" + problem
                + "); try again later"));
    }

    /**
     * An answer before (all of) the body was read: the connection is closed rather than the rest read and
     * dropped, so a slow or endless body costs nothing. A well-behaved client reads the answer first.
     */
    private boolean refuse(Response response, Callback callback, int status, String json) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return answer(response, callback, status, json);
    }

    /** Every answer on the events path is counted by status, so refused solvers show up on a dashboard. */
    private boolean answer(Response response, Callback callback, int status, String json) {
        Counter.builder("iterwatch.events.requests").description("Answers of the events API, by HTTP status")
                .tag("status", String.valueOf(status)).register(metrics).increment();
        return reply(response, callback, status, json);
    }
}
