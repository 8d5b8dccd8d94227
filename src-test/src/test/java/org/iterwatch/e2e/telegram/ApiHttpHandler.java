package org.iterwatch.e2e.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP side: {@code /bot<token>/<method>}, authorisation, failure injection, answering, call log. */
final class ApiHttpHandler implements HttpHandler {
    private static final Pattern PATH = Pattern.compile("^/bot([^/]*)/([^/]*)$");

    private final String token;
    /** Further tokens of the same bot (one per iterwatch instance), and the seq of each call made with each. */
    private final java.util.Map<String, java.util.Set<Long>> otherTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final BotMethods methods;
    private final FailureInjector failures;
    private final CallLog log;

    ApiHttpHandler(String token, BotMethods methods, FailureInjector failures, CallLog log) {
        this.token = token;
        this.methods = methods;
        this.failures = failures;
        this.log = log;
    }

    private record Answer(int status, String body) {
        static Answer of(TelegramError error) {
            return new Answer(error.errorCode(), Json.write(error.toJson()));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long seq = log.nextSeq();
        Instant received = Instant.now();
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        String requested = path.matches() ? path.group(2) : exchange.getRequestURI().getPath();
        String method = requested;
        ParsedRequest request = new ParsedRequest(Map.of(), List.of());
        Answer answer;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!path.matches()) {
                throw TelegramError.notFound().asException();
            }
            if (!token.equals(path.group(1))) {
                java.util.Set<Long> calls = otherTokens.get(path.group(1));
                if (calls == null) {
                    throw TelegramError.unauthorized().asException();
                }
                calls.add(seq);
            }
            request = RequestParser.parse(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            method = methods.canonicalName(requested).orElseThrow(() -> TelegramError.notFound().asException());
            Optional<TelegramError> injected = failures.take(method, Params.chatIdOf(request.params()));
            if (injected.isPresent() && !injected.get().processedBeforeDrop()) {
                throw injected.get().asException();
            }
            answer = success(methods.method(method).call(new Params(request)));
            if (injected.isPresent()) {
                answer = null; // executed, but the answer never reaches the client
            }
        } catch (TelegramError.RequestFailed e) {
            answer = e.error().dropsConnection() ? null : Answer.of(e.error());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Answer.of(TelegramError.serverError());
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug in the fake: make it loud, answer like a broken server
            answer = Answer.of(TelegramError.of(500, "Internal Server Error: fake failed: " + e));
        }
        OptionalLong chatId = Params.chatIdOf(request.params());
        if (answer == null) {
            exchange.close(); // closes the socket without any response
            log.record(new ApiCall(seq, method, requested, request.params(), request.files(), chatId, received, 0, ""));
            return;
        }
        log.record(new ApiCall(seq, method, requested, request.params(), request.files(), chatId, received,
                answer.status(), answer.body()));
        write(exchange, answer);
    }

    void acceptAlso(String otherToken) {
        otherTokens.putIfAbsent(otherToken, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    boolean madeWith(String otherToken, long seq) {
        return otherTokens.getOrDefault(otherToken, java.util.Set.of()).contains(seq);
    }

    boolean madeWithAnother(long seq) {
        return otherTokens.values().stream().anyMatch(calls -> calls.contains(seq));
    }

    private static Answer success(Object result) {
        String json = result instanceof BotMethods.RawResult raw ? raw.json() : Json.write((JsonNode) result);
        return new Answer(200, "{\"ok\":true,\"result\":" + json + "}");
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the client went away (e.g. a long poll it gave up on): nothing to answer
        } finally {
            exchange.close();
        }
    }
}
