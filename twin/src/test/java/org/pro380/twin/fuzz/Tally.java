package org.pro380.twin.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzz run counted: frames, crashes, wrong replies, and which replies it saw. */
final class Tally {

    private static final int KEPT_FAILURES = 10;

    long frames;
    long requests;
    long crashes;
    long wrong;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    void outcome(String kind) {
        outcomes.merge(kind, 1L, Long::sum);
    }

    void crash(String what) {
        crashes++;
        keep("CRASH " + what);
    }

    void wrong(String what) {
        wrong++;
        keep("WRONG " + what);
    }

    private void keep(String failure) {
        if (failures.size() < KEPT_FAILURES) {
            failures.add(failure);
        }
    }

    Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The kind of a reply, for the record: silence, data, echo, or the exception code. */
    static String kind(java.util.Optional<SpecOracle.Reply> reply) {
        if (reply.isEmpty()) {
            return "silence";
        }
        byte[] pdu = reply.get().pdu();
        return (pdu[0] & 0x80) != 0 ? String.format("exception %02x", pdu[1]) : String.format("fc %02x", pdu[0]);
    }

    String summary() {
        return String.format(
                "%,d frames, %,d requests delivered, %d crashes, %d wrong replies; %s",
                frames, requests, crashes, wrong, outcomes);
    }
}
