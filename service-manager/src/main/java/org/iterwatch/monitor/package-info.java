/**
 * Monitors: a Kafka topic read into the series of its calculation, supervised, and handed to the chat side
 * as a draft ({@link org.iterwatch.monitor.ChartDraft}), drawn only when a chat's turn to send it comes. Owns the monitor tables, the Quartz job store and the topic consumers; knows nothing of
 * Telegram (pictures go out through {@link org.iterwatch.monitor.ProgressListener}, notices through
 * {@link org.iterwatch.monitor.MonitorEvents}).
 *
 * <p>Who does what:
 * <ul>
 * <li>{@link org.iterwatch.monitor.MonitorService}: the facade the chat side uses (add, start, stop, status,
 *     export, ...); it waits for no tick.</li>
 * <li>{@link org.iterwatch.monitor.MonitorSchedule} (with {@code QuartzFactory}, {@code MonitorJob}): when
 *     monitors tick; a running monitor is one whose Quartz trigger exists.</li>
 * <li>{@code MonitorTick}: one run: read, supervise ({@code Supervisor}, {@code Supervision}), publish
 *     ({@code Publisher}) a draft ({@code MonitorDrawing}) that nothing has drawn yet.</li>
 * <li>{@code LiveMonitors}, {@code LiveMonitor}: what reads in this process, stop requests, and the rule that
 *     one tick at a time holds a reader.</li>
 * <li>{@code TopicReader}: the consumer, its positions, restarts of the calculation; publishes a
 *     {@code MonitorSnapshot} after every batch. {@code RecordDecoder} ({@code RecordParser},
 *     {@code KeyAndHeaders}) decodes records, {@code RunSeries} and {@code Series} hold the points,
 *     {@code ReadStatistics} counts; {@code RunProgress} follows a run's pace, total and bad-value episodes while
 *     it is read, {@code Deltas} works out the change per iteration after a read ({@code converge=}), and a run
 *     that ends leaves its envelope ({@code PreviousRuns} stores it).</li>
 * <li>{@code Supervisor} also raises the series alerts (non-finite, diverging, converged, stagnating) once per
 *     episode; {@code Publisher} draws one picture per {@link org.iterwatch.monitor.ChartView} its followers chose.</li>
 * <li>{@code MonitorRepository}: monitors and followers in the database; {@link
 *     org.iterwatch.monitor.ChartMessages} is the chat side's one way to write which message shows what.</li>
 * </ul>
 *
 * <p>Locking, in one place: each live monitor has one lock, held by its tick for the tick's whole run (Quartz
 * never runs two ticks of a monitor at once; the lock makes that rule explicit and hands the reader's state
 * from one worker thread to the next). {@code /status}, listings and metrics read the reader's last
 * immutable snapshot; {@code /stop} sets a flag the reader asks between polls of at most 100 ms and lets a
 * last tick draw the stopped chart; retiring a monitor closes its reader at once if it is idle, else its tick
 * closes it as it leaves. Only {@code /export} of a running monitor and the drawing of a draft ({@code
 * MonitorDrawing}, on a delivery worker: it copies the series under the lock and renders outside it) wait for
 * the tick under way.
 */
package org.iterwatch.monitor;
