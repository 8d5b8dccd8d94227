package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class CaptionTest {
    static final String EMOJI = "\uD83D\uDE80";
    static final String HOSTILE = ("<b>&amp; \"x\" </i>" + EMOJI + "&").repeat(300);

    @Test
    void hostileTopicsStayValidHtmlWithinTheCaptionLimit() {
        String html = new ProgressCaption(HOSTILE, "<RUNNING> & " + EMOJI, 3, 1, 3, Instant.parse("2024-05-01T10:00:00Z"), 2)
                .html();

        String text = parse(html);
        assertThat(text.length()).isLessThanOrEqualTo(ProgressCaption.MAX_CAPTION);
        assertThat(text).startsWith("<b>&amp; \"x\"").contains("State: <RUNNING> & " + EMOJI)
                .contains("Skipped records: 2").contains("2024-05-01 10:00:00 UTC");
        assertNoBrokenSurrogates(text);
    }

    @Test
    void everyOptionalFactAtOnceIsCutSafelyToTheLimit() {
        long[] missing = LongStream.iterate(1, i -> i + 2).limit(5000).toArray();
        CaptionDetails details = CaptionDetails.NONE.withMissing(missing).withRate(12.345).withRestarts(3)
                .withLastError(HOSTILE);
        String topic = "y".repeat(5000) + EMOJI;

        String html = new ProgressCaption(topic, HOSTILE, 10_000, 1, 10_000, null, 7).html(details);

        String text = parse(html);
        assertThat(text.length()).isLessThanOrEqualTo(ProgressCaption.MAX_CAPTION);
        assertThat(text).contains("missing 1, 3, 5").contains("(5000 in all)").contains("Rate: 12.3 points/min")
                .contains("Restarts: 3");
        assertNoBrokenSurrogates(text);
    }

    @Test
    void missingIterationsReadAsRanges() {
        String html = new ProgressCaption("t", "running", 55, 1, 57, null, 0).html(CaptionDetails.NONE.withMissing(12, 13, 20, 21, 22, 40));

        assertThat(parse(html)).contains("iterations 1\u201357, missing 12, 13, 20\u201322, 40");
    }

    @Test
    void countsAreGroupedAsInTheTitle() {
        String html = new ProgressCaption("t", "running", 1_000_000, 1, 12_500, null, 0).html(CaptionDetails.NONE);

        assertThat(parse(html)).contains("Points: 1,000,000 \u00b7 iterations 1\u201312500");
        assertThat(Titles.progress("t", 1_000_000)).isEqualTo("t \u2014 1,000,000 points");
    }

    @Test
    void fitCutsByVisibleLengthNeverInsideATagEntityOrEmojiAndClosesTags() {
        String html = "<b>" + "&amp;".repeat(10) + EMOJI.repeat(10) + "</b>";

        for (int max = 2; max < 40; max++) {
            String cut = Html.fit(html, max);
            String text = parse(cut);
            assertThat(text.length()).isLessThanOrEqualTo(max);
            assertNoBrokenSurrogates(text);
        }
        assertThat(Html.fit(html, 100)).isEqualTo(html);
        assertThat(Html.visibleLength(html)).isEqualTo(30);
    }

    @Test
    void theStatusOverviewOfManyHostileMonitorsFitsOneMessage() {
        List<StatusLine> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(new StatusLine(HOSTILE + i, "<x>&" + EMOJI, i, Instant.EPOCH.plusSeconds(i)));
        }

        String text = parse(StatusText.overview(lines));

        assertThat(text.length()).isLessThanOrEqualTo(StatusText.MAX_MESSAGE);
        assertThat(text).startsWith("Monitors").contains("more");
        assertNoBrokenSurrogates(text);
    }

    @Test
    void agesAreShort() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        assertThat(StatusText.age(null, now)).isEqualTo("never");
        assertThat(StatusText.age(now.minusSeconds(42), now)).isEqualTo("42 s ago");
        assertThat(StatusText.age(now.minusSeconds(600), now)).isEqualTo("10 min ago");
        assertThat(StatusText.age(now.minusSeconds(3 * 3600), now)).isEqualTo("3 h ago");
        assertThat(StatusText.age(now.minusSeconds(3 * 86_400), now)).isEqualTo("3 d ago");
    }

    /** Parses Telegram HTML strictly (as XML: a stray '<' or '&' fails) and returns the text a reader sees. */
    static String parse(String html) {
        try {
            var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
            Element root = builder.parse(new InputSource(new StringReader("<root>" + html + "</root>"))).getDocumentElement();
            var all = root.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                assertThat(all.item(i).getNodeName()).isIn("b", "i", "u", "s", "code", "pre", "a", "tg-spoiler");
            }
            return root.getTextContent();
        } catch (Exception e) {
            throw new AssertionError("not valid HTML: " + html.substring(0, Math.min(300, html.length())), e);
        }
    }

    static void assertNoBrokenSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
    }
}
