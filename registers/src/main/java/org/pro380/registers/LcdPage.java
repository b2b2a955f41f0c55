package org.pro380.registers;

/**
 * One page of the LCD (spec section 7), worded by {@link LcdText}.
 *
 * @param id stable name: "err", "total", "t1", "t2", "t3" or "crc"
 * @param text what the display shows, e.g. "T1 123.45 kWh", "CRC 0607E329", "ERR 0d"
 */
public record LcdPage(String id, String text) {}
