package org.iterwatch.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusBoardTest {
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 50})
    void everyMonitorGetsALegibleTileWithItsSparkline(int count) throws IOException {
        List<BoardTile> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] recent = new double[i % 2 == 0 ? 3_000 : 40];
            for (int k = 0; k < recent.length; k++) {
                recent[k] = Math.sin(k * 0.2 + i);
            }
            String topic = i == 0 ? "<&>\uD83D\uDE00".repeat(2000) : "airy.x0." + i;
            monitors.add(new BoardTile(topic, i % 3 == 0 ? "stalled" : "running", recent.length, NOW.minusSeconds(60L * i), recent));
        }

        RenderedChart board = new StatusBoard().render(monitors, NOW);
        BufferedImage image = Pixels.decode(board);
        StatusBoard.Layout layout = StatusBoard.Layout.of(count);

        assertThat(ChartRendererTest.pngTitle(board.png())).startsWith("Monitors \u2014 " + count);
        assertThat(image.getWidth() + image.getHeight()).isLessThanOrEqualTo(10_000);
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(20 * Math.min(image.getWidth(), image.getHeight()));
        assertThat(board.png().length).isLessThan(1_000_000);
        assertThat(layout.fontSize()).isGreaterThanOrEqualTo(StatusBoard.MIN_FONT);
        for (Rectangle tile : layout.tiles()) {
            assertThat(count(image, tile, ChartRenderer.LINE_BLUE)).as("sparkline in %s", tile).isGreaterThan(tile.width / 2);
            assertThat(count(image, tile, ChartRenderer.POINT_RED)).as("newest point in %s", tile).isGreaterThan(5);
            assertThat(count(image, tile, FrameChart.TEXT)).as("text in %s", tile).isGreaterThan(100);
        }
        // nothing spills out of the tiles: outside them and the header, the board is blank
        for (int y = 72; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int px = x;
                int py = y;
                if (layout.tiles().stream().noneMatch(t -> t.contains(px, py))) {
                    assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFFFFFF);
                }
            }
        }
    }

    static int count(BufferedImage image, Rectangle r, java.awt.Color color) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                n += Pixels.is(image, x, y, color) ? 1 : 0;
            }
        }
        return n;
    }

    /** Eight monitors, as a team lead has them: at the 1280 px Telegram shows, each tile's text is tall enough to read. */
    @org.junit.jupiter.api.Test
    void eightTilesAt1280PixelsCarryTextOfReadableHeight() throws IOException {
        List<BoardTile> monitors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            monitors.add(new BoardTile("airy.x0." + i, i % 4 == 0 ? "failed" : "running", 10_100, NOW, new double[] {1, 2, 3}));
        }
        BufferedImage image = Pixels.decode(new StatusBoard().render(monitors, NOW));
        StatusBoard.Layout layout = StatusBoard.Layout.of(8);

        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isLessThanOrEqualTo(1280);
        for (Rectangle tile : layout.tiles()) {
            // the topic's line: from its first row with text to the last before a blank row
            int top = tile.y;
            while (top < tile.y + tile.height && count(image, new Rectangle(tile.x, top, tile.width, 1), FrameChart.TEXT) == 0) {
                top++;
            }
            int bottom = top;
            while (count(image, new Rectangle(tile.x, bottom, tile.width, 1), FrameChart.TEXT) > 0) {
                bottom++;
            }
            // "airy.x0.1": digits and the y's descender, at least 22 px on a tablet (a 12 pt line of print)
            assertThat(bottom - top).as("height of the topic in %s", tile).isGreaterThanOrEqualTo(22);
        }
    }
}
