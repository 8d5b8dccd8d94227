package org.iterwatch.monitor;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.iterwatch.render.PreviousRun;

/** A previous run's envelope as bytes for its table: buckets, x kind and range, then lo, hi and mean. */
final class PreviousRuns {
    private PreviousRuns() {
    }

    static byte[] encode(PreviousRun run) {
        int n = run.buckets();
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + 16 + 12 * n);
        out.putInt(n).put((byte) (run.realX() ? 1 : 0)).putDouble(run.xMin()).putDouble(run.xMax());
        for (float[] column : new float[][] {run.lo(), run.hi(), run.mean()}) {
            for (float v : column) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    static PreviousRun decode(long points, long durationMillis, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int n = in.getInt();
        boolean realX = in.get() == 1;
        double xMin = in.getDouble();
        double xMax = in.getDouble();
        float[][] columns = new float[3][n];
        for (float[] column : columns) {
            for (int i = 0; i < n; i++) {
                column[i] = in.getFloat();
            }
        }
        return new PreviousRun(points, Duration.ofMillis(durationMillis), realX, xMin, xMax, columns[0], columns[1],
                columns[2]);
    }
}
