package org.pro380.twin.capture;

/** Which way a frame went, seen from the meter. */
public enum Direction {
    /** A request (or anything else the master or the line sent) arriving at the twin. */
    IN,
    /** A reply the twin sent. */
    OUT
}
