package org.pro380.twin.traffic;

/** The transports a frame comes by, named as the flag that starts them, and how each frames a message. */
public enum TransportKind {
    TCP("tcp", Framing.MBAP),
    RTU_TCP("rtu-tcp", Framing.RTU),
    RTU_TCP_CONNECT("rtu-tcp-connect", Framing.RTU),
    SERIAL("serial", Framing.RTU);

    /** MBAP header and PDU (Modbus TCP), or unit id, PDU and CRC (RTU). */
    public enum Framing {
        MBAP,
        RTU
    }

    private final String flag;
    private final Framing framing;

    TransportKind(String flag, Framing framing) {
        this.flag = flag;
        this.framing = framing;
    }

    /** The flag's name without its dashes: {@code rtu-tcp}. */
    public String flag() {
        return flag;
    }

    public Framing framing() {
        return framing;
    }
}
