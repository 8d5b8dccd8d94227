package org.iterwatch.e2e.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iterwatch.e2e.Records.batch;
import static org.iterwatch.e2e.process.Iterwatch.TIMEOUT;

import java.time.Duration;
import java.util.List;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.iterwatch.e2e.telegram.ApiCall;
import org.iterwatch.e2e.telegram.FakeTelegram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: on-call is woken only for what matters (news arrives silent, without Ack; failures and stalls ring),
 * a run that said it ended is not reported stalled, and an alert carries its context: the topic, the chart it
 * quotes or links, the last record, a hint for a well-known end, and people by name.
 */
class AlertSeverityTest {
    static final long ADMIN = 4101;
    static final long OPERATOR = 4102;
    static final long GROUP = -1_001_234_567_890L;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN).groups(GROUP);

    @Test
    void newsIsSilentAndAFailureRingsWithItsTopicChartLastRecordHintAndAckByName(Iterwatch iterwatch,
            FakeTelegram telegram, KafkaBroker kafka, ChatView chat) {
        String t = KafkaBroker.uniqueTopic("context");
        String solver = "solver-" + t;
        kafka.createTopic(t);
        kafka.produce(t, batch(1, 5));
        kafka.produce(t, batch(2, 5));
        iterwatch.ask(ADMIN, "/allow " + OPERATOR + " operator");
        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 10 points");
        assertThat(iterwatch.ask(ADMIN, "/subscribe " + solver)).contains("Subscribed");
        telegram.userSendsInGroup(GROUP, ADMIN, "/follow " + t);
        long groupChart = chat.pinnedChart(GROUP, t);
        telegram.userSendsInGroup(GROUP, OPERATOR, "/subscribe " + solver);
        chat.awaitReply(GROUP, "Subscribed");
        EventsApi api = new EventsApi(iterwatch.apiUrl());

        post(api, "{\"solver\":\"" + solver + "\",\"event\":\"started\",\"topic\":\"" + t + "\"}");
        post(api, "{\"solver\":\"" + solver + "\",\"event\":\"failed\",\"exitCode\":137,\"message\":\"killed by SIGKILL\"}");

        ApiCall started = awaitAlert(telegram, chat, ADMIN, solver, "started");
        ApiCall failed = awaitAlert(telegram, chat, ADMIN, solver, "failed");
        assertThat(silent(started)).as("started is news: no sound").isTrue();
        assertThat(started.param("reply_markup")).as("nothing to acknowledge").isEmpty();
        assertThat(silent(failed)).as("a failure rings").isFalse();
        assertThat(failed.param("reply_markup").orElse("")).contains("ack:");
        assertThat(failed.param("text").orElseThrow()).contains("Topic: <code>" + t + "</code>")
                .contains("Last record: iteration 2, ").contains("out-of-memory killer");
        assertThat(failed.jsonParam("reply_parameters").path("message_id").asLong())
                .as("the failure quotes the chart, so a tap opens it").isEqualTo(chart);
        ApiCall inGroup = awaitAlert(telegram, chat, GROUP, solver, "failed");
        assertThat(inGroup.param("text").orElseThrow())
                .contains("<a href=\"https://t.me/c/1234567890/" + groupChart + "\">");

        long groupCopy = inGroup.responseJson().path("result").path("message_id").asLong();
        telegram.userPresses(GROUP, OPERATOR, groupCopy, failed.param("reply_markup").orElseThrow()
                .replaceAll("(?s).*\"(ack:\\d+)\".*", "$1"));
        long adminCopy = failed.responseJson().path("result").path("message_id").asLong();
        telegram.await(() -> chat.message(ADMIN, adminCopy).text().contains("Acknowledged by @user" + OPERATOR), TIMEOUT,
                "the ack by name in every copy");
        assertThat(chat.message(ADMIN, adminCopy).text()).doesNotContain("user " + OPERATOR);
        telegram.await(() -> chat.message(GROUP, groupCopy).text().contains("Acknowledged by @user" + OPERATOR), TIMEOUT,
                "the ack in the group's copy");
        assertThat(telegram.calls("editMessageText").stream().filter(c -> ChatView.toChat(c, GROUP)).findFirst()
                .orElseThrow().param("text").orElseThrow()).as("the acknowledged copy keeps its chart link")
                .contains("https://t.me/c/1234567890/" + groupChart);
        assertThat(iterwatch.ask(ADMIN, "/users")).contains("operator \u00b7 @user" + OPERATOR + " \u00b7 <code>" + OPERATOR + "</code>");

        assertThat(iterwatch.ask(ADMIN, "/quiet all")).contains("without a sound");
        post(api, "{\"solver\":\"" + solver + "\",\"event\":\"failed\",\"exitCode\":143}");
        telegram.await(() -> alerts(chat, ADMIN, solver, "failed").size() == 2, TIMEOUT, "the second failure");
        ApiCall quieted = alerts(chat, ADMIN, solver, "failed").get(1);
        assertThat(silent(quieted)).as("/quiet all: even a failure is silent here").isTrue();
        assertThat(quieted.param("text").orElseThrow()).contains("SIGTERM");
    }

    @Test
    void aRunItsSolverSaidEndedIsNotStalledWhileASilentOneIsAndRings(Iterwatch iterwatch, FakeTelegram telegram,
                                                                     KafkaBroker kafka, ChatView chat) {
        String ended = KafkaBroker.uniqueTopic("ended");
        String silent = KafkaBroker.uniqueTopic("silent");
        EventsApi api = new EventsApi(iterwatch.apiUrl());
        iterwatch.ask(ADMIN, "/subscribe s-" + ended);
        post(api, "{\"solver\":\"s-" + ended + "\",\"event\":\"started\"}");
        post(api, "{\"solver\":\"s-" + ended + "\",\"event\":\"stopped\",\"exitCode\":0}");
        awaitAlert(telegram, chat, ADMIN, "s-" + ended, "started");
        awaitAlert(telegram, chat, ADMIN, "s-" + ended, "stopped");
        // This solver does not name its topic: an operator links them.
        assertThat(iterwatch.ask(ADMIN, "/link s-" + ended + " " + ended)).contains("now name");
        assertThat(iterwatch.ask(ADMIN, "/link s-" + ended)).contains(ended);
        for (String t : List.of(ended, silent)) {
            kafka.createTopic(t);
            kafka.produce(t, batch(1, 5));
            iterwatch.ask(ADMIN, "/add " + t + " stall=2s");
            iterwatch.ask(ADMIN, "/start " + t);
            chat.pinnedChart(ADMIN, t);
        }

        chat.awaitMessages(ADMIN, 1, silent, "stalled");
        ApiCall stalled = chat.delivered(ADMIN).stream().filter(c -> c.param("text").orElse("").contains(silent)
                && c.param("text").orElse("").contains("stalled")).findFirst().orElseThrow();
        assertThat(silent(stalled)).as("a stall rings").isFalse();
        assertThat(stalled.param("reply_markup").orElse("")).contains("ack:");
        // Both were started together with the same stall period: the other had its chance to stall. Nothing
        // to wait for: that nothing comes is the point.
        ChatView.letTimePass(Duration.ofSeconds(3));
        assertThat(chat.count(ADMIN, ended, "stalled")).isZero();
        assertThat(iterwatch.ask(ADMIN, "/status " + ended)).contains("State: RUNNING");

        kafka.produce(silent, batch(2, 5));
        chat.awaitMessages(ADMIN, 1, silent, "resumed");
        List<ApiCall> news = chat.delivered(ADMIN).stream().filter(c -> c.param("text").orElse("").contains(silent)
                && c.param("text").orElse("").contains("resumed")).toList();
        news = new java.util.ArrayList<>(news);
        news.addAll(alerts(chat, ADMIN, "s-" + ended, "started"));
        news.addAll(alerts(chat, ADMIN, "s-" + ended, "stopped"));
        assertThat(news).as("resumed, started, stopped").hasSize(3).allSatisfy(c -> {
            assertThat(silent(c)).as(c.param("text").orElse("")).isTrue();
            assertThat(c.param("reply_markup")).isEmpty();
        });
    }

    private static boolean silent(ApiCall call) {
        return Boolean.parseBoolean(call.param("disable_notification").orElse("false"));
    }

    private static ApiCall awaitAlert(FakeTelegram telegram, ChatView chat, long chatId, String solver, String headline) {
        telegram.await(() -> !alerts(chat, chatId, solver, headline).isEmpty(), TIMEOUT, headline + " in " + chatId);
        return alerts(chat, chatId, solver, headline).get(0);
    }

    private static List<ApiCall> alerts(ChatView chat, long chatId, String solver, String headline) {
        return chat.delivered(chatId, "<b>" + solver + "</b> " + headline);
    }

    private static void post(EventsApi api, String json) {
        EventsApi.Answer answer = api.post(Iterwatch.API_TOKEN, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }
}
