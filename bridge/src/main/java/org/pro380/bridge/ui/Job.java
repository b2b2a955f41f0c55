package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pro380.client.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long task on the line that the page follows and may stop at any time: a scan, a
 * commissioning, a move of its meters to another line, a check against the plan. It runs on a
 * thread of its own; while it runs it has the line to itself.
 */
abstract class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    /** Thrown from a job's progress callback to end its work when a stop was asked for. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private final String name;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean stopAsked;
    private volatile String error;

    /** @param name what it is, for "a NAME is using the line" */
    Job(String name) {
        this.name = name;
        thread = new Thread(this::run, "pro380-ui-" + name);
        thread.setDaemon(true);
    }

    final String name() {
        return name;
    }

    final void start() {
        thread.start();
    }

    /** The work, stopped by {@link Stopped} from a callback or by an interrupt. */
    abstract void work() throws Exception;

    /** What the page shows of the work so far. */
    abstract void describe(ObjectNode status);

    final void stop() {
        stopAsked = true;
        thread.interrupt();
    }

    /** For the work's callbacks: ends it if a stop was asked for. */
    final void checkStop() {
        if (stopAsked) {
            throw new Stopped();
        }
    }

    final boolean running() {
        return running;
    }

    final ObjectNode status() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("running", running);
        node.put("stopped", stopAsked);
        if (error != null) {
            node.put("error", error);
        }
        describe(node);
        return node;
    }

    private void run() {
        try {
            work();
        } catch (Stopped | InterruptedException e) {
            // asked for
        } catch (ClientException e) {
            error = e.getMessage();
        } catch (Exception e) {
            LOG.warn("{}: {}", thread.getName(), e.toString());
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            running = false;
        }
    }
}
