package org.iterwatch.bot;

/** A long-lived part of the process: started in wiring order, stopped in reverse. */
interface Managed {
    void start();

    void stop();

    static Managed onStop(String name, Runnable stop) {
        return new Managed() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
                stop.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
