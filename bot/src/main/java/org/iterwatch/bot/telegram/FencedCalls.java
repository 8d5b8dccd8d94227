package org.iterwatch.bot.telegram;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.iterwatch.config.Fence;

/**
 * Checks the fence right before each request leaves for Telegram, on every HTTP client we have: an instance
 * that lost the active role (paused past its lease) cannot send, edit, pin or poll, whichever thread tries.
 * {@code getMe} alone is let through: start-up checks the token with it on a standby too, and it changes nothing.
 */
final class FencedCalls implements Interceptor {
    private final Fence fence;

    FencedCalls(Fence fence) {
        this.fence = fence;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!fence.holds() && !chain.request().url().encodedPath().toLowerCase(java.util.Locale.ROOT).endsWith("/getme")) {
            throw new NotActive();
        }
        return chain.proceed(chain.request());
    }

    /** An IOException, so each client treats it as a call that did not happen (retried by whoever retries). */
    static final class NotActive extends IOException {
        NotActive() {
            super("not sent: this instance is not the active one");
        }
    }
}
