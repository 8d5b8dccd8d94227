package org.iterwatch.render;

/**
 * Antialiased thick polylines with round joins, drawn as the union of capsules into a coverage mask
 * and then laid onto the picture in one colour.
 *
 * <p>Why not Java2D: stroking a long zigzag path as one shape makes Marlin cross hundreds of edges on
 * every scanline, which costs more than everything else in a chart together. Taking the maximum
 * coverage per pixel also keeps joins from being painted twice, and pixels fully under the line get
 * exactly the line's colour.
 */
final class LineMask {
    /**
     * Edge coverage in 16 steps rather than 256: the eye cannot tell them apart, and fewer distinct
     * shades keep the palette exact and the PNG about a tenth smaller.
     */
    static final int[] LEVELS = levels(16);
    private final PlotArea area;
    private final int maskWidth;
    private final byte[] coverage;
    private int dirtyTop = Integer.MAX_VALUE;
    private int dirtyBottom = Integer.MIN_VALUE;

    LineMask(PlotArea area) {
        this(area, Scratch.ofThisThread());
    }

    LineMask(PlotArea area, Scratch scratch) {
        this.area = area;
        this.maskWidth = area.plotWidth();
        this.coverage = scratch.coverage(maskWidth * (area.bottom() - area.top() + 1));
    }

    /** Through every vertex: each point when sparse, each column's mean when dense. */
    void polyline(Projection p, float halfWidth) {
        for (int k = 1; k < p.count(); k++) {
            if (!p.starts()[k]) {
                segment(p.xs()[k - 1], p.ys()[k - 1], p.xs()[k], p.ys()[k], halfWidth);
            }
        }
    }

    /** Pixel centres are at integer coordinates; coverage falls from 1 to 0 over the line's last pixel. */
    void segment(float x0, float y0, float x1, float y1, float halfWidth) {
        float dx = x1 - x0;
        float dy = y1 - y0;
        float lengthSquared = dx * dx + dy * dy;
        float inverseLength = lengthSquared == 0 ? 0 : 1 / (float) Math.sqrt(lengthSquared);
        float reach = halfWidth + 1;
        boolean steep = Math.abs(dy) > Math.abs(dx);
        // Walk the major axis; across it only the few pixels the line can touch.
        float from = steep ? Math.min(y0, y1) : Math.min(x0, x1);
        float to = steep ? Math.max(y0, y1) : Math.max(x0, x1);
        int first = Math.max((int) Math.floor(from - reach), steep ? area.top() : area.left());
        int last = Math.min((int) Math.ceil(to + reach), steep ? area.bottom() : area.right());
        float slope = steep ? (dy == 0 ? 0 : dx / dy) : (dx == 0 ? 0 : dy / dx);
        float across = reach * (float) Math.sqrt(1 + slope * slope);
        for (int major = first; major <= last; major++) {
            float t = Math.max(from, Math.min(to, major));
            float centre = steep ? x0 + (t - y0) * slope : y0 + (t - x0) * slope;
            int lo = Math.max((int) Math.floor(centre - across), steep ? area.left() : area.top());
            int hi = Math.min((int) Math.ceil(centre + across), steep ? area.right() : area.bottom());
            for (int minor = lo; minor <= hi; minor++) {
                int px = steep ? minor : major;
                int py = steep ? major : minor;
                float c = halfWidth + 0.5f - distance(px - x0, py - y0, dx, dy, lengthSquared, inverseLength);
                if (c > 0) {
                    mark(px, py, c >= 1 ? 255 : LEVELS[(int) (c * (LEVELS.length - 1) + 0.5f)]);
                }
            }
        }
    }

    /** Distance from a pixel to the segment: to the line itself beside it, to the nearer end beyond it. */
    private static float distance(float px, float py, float dx, float dy, float lengthSquared, float inverseLength) {
        float along = px * dx + py * dy;
        if (along > 0 && along < lengthSquared) {
            return Math.abs(px * dy - py * dx) * inverseLength;
        }
        float ex = along <= 0 ? px : px - dx;
        float ey = along <= 0 ? py : py - dy;
        return (float) Math.sqrt(ex * ex + ey * ey);
    }

    private void mark(int px, int py, int alpha) {
        int row = py - area.top();
        int i = row * maskWidth + px - area.left();
        if ((coverage[i] & 0xFF) < alpha) {
            coverage[i] = (byte) alpha;
        }
        dirtyTop = Math.min(dirtyTop, row);
        dirtyBottom = Math.max(dirtyBottom, row);
    }

    /** Lays the marked pixels onto the picture in {@code rgb} and clears the mask for the next series. */
    void paint(Raster raster, int rgb) {
        for (int row = dirtyTop; row <= dirtyBottom; row++) {
            int out = (area.top() + row) * raster.width + area.left();
            int in = row * maskWidth;
            for (int x = 0; x < maskWidth; x++) {
                int a = coverage[in + x] & 0xFF;
                if (a != 0) {
                    raster.pixels[out + x] = a == 255 ? rgb : Raster.blend(raster.pixels[out + x], rgb, a);
                    coverage[in + x] = 0;
                }
            }
        }
        dirtyTop = Integer.MAX_VALUE;
        dirtyBottom = Integer.MIN_VALUE;
    }

    static int[] levels(int n) {
        int[] levels = new int[n];
        for (int i = 0; i < n; i++) {
            levels[i] = i * 255 / (n - 1);
        }
        return levels;
    }
}
