package org.pro380.twin.source;

import org.pro380.meter.Load;

/** A running source: it delivers loads (or says why a message was not one) until closed. */
interface Feed extends AutoCloseable {

    /** What a feed tells its meter's mirror; called from the feed's threads. */
    interface Listener {
        void loaded(Load load);

        void malformed(String why);

        void connected(boolean connected);
    }

    /** Starts connecting (and retrying with backoff) without waiting for the source. */
    void start();

    @Override
    void close();
}
