package org.iterwatch.e2e.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.iterwatch.e2e.kafka.KafkaBroker;
import org.iterwatch.e2e.process.ChatView;
import org.iterwatch.e2e.process.Iterwatch;
import org.iterwatch.e2e.process.IterwatchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3, fuzz: 100 000 malformed records of every kind mixed with 1 000 valid ones. Nothing
 * crashes, every valid point is there, and /status counts exactly the skipped ones.
 */
class FuzzedRecordsTest {
    static final long ADMIN = 5001;
    static final int MALFORMED = 100_000;
    static final int VALID = 1_000;
    static final int MAX_RECORD_BYTES = 65_536;
    static final int MAX_VALUES = 10_000;

    @RegisterExtension
    static final IterwatchExtension installation = IterwatchExtension.withAdmins(ADMIN)
            .configure("monitors: {maxRecordBytes: " + MAX_RECORD_BYTES + ", maxPoints: " + MAX_VALUES + "}");

    @Test
    void malformedRecordsAreSkippedAndCountedExactlyAndNoValidPointIsLost(Iterwatch iterwatch, KafkaBroker kafka,
                                                                          ChatView chat) {
        String t = KafkaBroker.uniqueTopic("fuzz");
        kafka.createTopic(t);
        Random random = new Random(7);
        List<byte[]> records = new ArrayList<>();
        StringBuilder expected = new StringBuilder("series,iteration,index,x,value\n");
        for (int i = 1; i <= VALID; i++) {
            double a = random.nextGaussian();
            double b = random.nextDouble() * 1e-12;
            records.add(utf8("{\"iteration\":" + i + ",\"values\":[" + a + "," + b + "]}"));
            expected.append(',').append(i).append(",0,,").append(a).append('\n');
            expected.append(',').append(i).append(",1,,").append(b).append('\n');
        }
        List<Function<Random, byte[]>> kinds = List.of(
                FuzzedRecordsTest::randomBytes, FuzzedRecordsTest::truncated, FuzzedRecordsTest::wrongType,
                FuzzedRecordsTest::deepNesting, FuzzedRecordsTest::invalidUtf8, FuzzedRecordsTest::badAbscissaOrTotal);
        for (int k = 0; k < MALFORMED - 200; k++) {
            records.add(kinds.get(k % kinds.size()).apply(random));
        }
        for (int k = 0; k < 100; k++) {
            records.add(utf8("[" + "1,".repeat(MAX_VALUES) + "1]")); // too many values, small enough in bytes
            records.add(utf8("{\"iteration\": 1, \"values\": [" + "0.5,".repeat(20_000) + "0.5]}")); // too many bytes
        }
        Collections.shuffle(records, random);
        kafka.produceBytes(t, records);

        iterwatch.ask(ADMIN, "/add " + t);
        iterwatch.ask(ADMIN, "/start " + t);
        long chart = chat.pinnedChart(ADMIN, t);
        chat.awaitChart(ADMIN, chart, t + " \u2014 " + String.format(java.util.Locale.ROOT, "%,d", 2 * VALID) + " points");

        String status = iterwatch.ask(ADMIN, "/status " + t);
        assertThat(status).contains("State: RUNNING").contains("Points: " + String.format(java.util.Locale.ROOT, "%,d", 2 * VALID))
                .contains("Skipped records: " + MALFORMED + " (last: offset ").contains("Iterations: 1\u2013" + VALID);
        assertThat(status.length()).isLessThanOrEqualTo(4096);
        assertThat(chat.export(ADMIN, t)).isEqualTo(expected.toString());
        assertThat(chat.caption(ADMIN, chart)).contains("Skipped records: " + MALFORMED);
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(200)];
        r.nextBytes(b);
        b[0] = '#'; // no JSON value starts so, so chance cannot make it valid
        return b;
    }

    private static byte[] truncated(Random r) {
        String whole = "{\"iteration\":" + r.nextInt(1000) + ",\"values\":[" + r.nextDouble() + "," + r.nextDouble() + "]}";
        return utf8(whole.substring(0, 1 + r.nextInt(whole.length() - 1)));
    }

    private static byte[] wrongType(Random r) {
        return utf8(switch (r.nextInt(8)) {
            case 0 -> "{\"iteration\":\"seven\",\"values\":[1]}";
            case 1 -> "{\"iteration\":1,\"values\":{\"a\":1}}";
            case 2 -> "{\"iteration\":1,\"values\":[1,\"2\"]}";
            case 3 -> "{\"iteration\":1.5,\"value\":1}";
            case 4 -> "{\"payload\":[1,2]}";
            case 5 -> "\"just text\"";
            case 6 -> "{\"iteration\":1,\"index\":-3,\"value\":1}";
            default -> "{\"iteration\":2}";
        });
    }

    private static byte[] deepNesting(Random r) {
        int depth = 2_000 + r.nextInt(3_000);
        return utf8(r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"values\":" + "[".repeat(depth) + "1" + "]".repeat(depth) + "}");
    }

    private static byte[] invalidUtf8(Random r) {
        byte[] prefix = utf8("{\"series\":\"a");
        byte[] suffix = utf8("\",\"iteration\":1,\"values\":[1]}");
        byte[] b = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        b[prefix.length] = (byte) 0xC3;
        b[prefix.length + 1] = (byte) (0x28 + r.nextInt(8)); // not a continuation byte
        System.arraycopy(suffix, 0, b, prefix.length + 2, suffix.length);
        return b;
    }

    /** Non-finite values are data since issue 12 (kept and alerted on); a non-finite abscissa is not. */
    private static byte[] badAbscissaOrTotal(Random r) {
        return utf8(switch (r.nextInt(4)) {
            case 0 -> "{\"iteration\":1,\"values\":[1],\"x\":[1e999]}";
            case 1 -> "{\"iteration\":1,\"values\":[1],\"x\":[NaN]}";
            case 2 -> "{\"iteration\":1,\"value\":1,\"total\":-5}";
            default -> "";
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
