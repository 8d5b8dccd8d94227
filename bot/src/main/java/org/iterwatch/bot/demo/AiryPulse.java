package org.iterwatch.bot.demo;

/**
 * The published system's example: an Airy pulse, seen at the slice x = 0.6 over normalised time t = [0, 100]
 * with step h = 0.01. Iteration k (1…100) is the time window [k − 1, k]: 101 values, the window's ends included.
 * The shape is the finite-energy Airy pulse Ai(z)·e^{az} passing the slice: a main lobe, then the oscillating tail.
 */
final class AiryPulse {
    static final int VALUES_PER_ITERATION = 101;
    private static final double STEP = 0.01;
    /** exp(a z): the finite-energy truncation of the tail. */
    private static final double TRUNCATION = 0.1;
    /** Ai(0) and -Ai'(0), for the Maclaurin series. */
    private static final double C1 = 0.355028053887817239;
    private static final double C2 = 0.258819403792806798;

    private AiryPulse() {
    }

    /** The normalised times of iteration k's values. */
    static double[] times(int iteration) {
        double[] t = new double[VALUES_PER_ITERATION];
        for (int j = 0; j < t.length; j++) {
            t[j] = Math.round(((iteration - 1) + j * STEP) * 100) / 100.0;
        }
        return t;
    }

    /** The pulse at the slice at time t. */
    static double at(double t) {
        double z = 2 - t / 10;
        return ai(z) * Math.exp(TRUNCATION * z);
    }

    /**
     * Ai(z) by its Maclaurin series, exact to about 1e-12 on the range used here (z from 2 down to −8), where
     * the terms stay small enough for doubles.
     */
    static double ai(double z) {
        double z3 = z * z * z;
        double f = 1;
        double g = z;
        double fTerm = 1;
        double gTerm = z;
        for (int k = 1; k < 60; k++) {
            fTerm *= z3 / ((3.0 * k - 1) * (3.0 * k));
            gTerm *= z3 / ((3.0 * k) * (3.0 * k + 1));
            f += fTerm;
            g += gTerm;
        }
        return C1 * f - C2 * g;
    }
}
