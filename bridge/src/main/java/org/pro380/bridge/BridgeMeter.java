package org.pro380.bridge;

/**
 * A meter the bridge polls: the connection it is reached over (as the user named it, or the
 * connection's address), its unit id there, and the name the user gave it (may be empty).
 */
public record BridgeMeter(String connection, int unitId, String name) {}
